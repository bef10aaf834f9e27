package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloneTest {

    @TempDir
    Path tmp;

    @Test
    void aLocalCloneHoldsExactlyTheObjectsOfThePinnedCommitAndIsShallow() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("origin"))) {
            repo.file("old.txt", "replaced in the second commit").commit("first");
            repo.file("old.txt", "new").file(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": []}").file("a/b.txt", "b");
            String second = repo.commit("second");

            String pin = GitMarketplace.cloneInto(repo.dir.toString(), tmp.resolve("clone"));

            assertThat(pin).isEqualTo(second);
            try (Git clone = Git.open(tmp.resolve("clone").toFile())) {
                Repository repository = clone.getRepository();
                assertThat(repository.getObjectDatabase().getShallowCommits()).containsExactly(ObjectId.fromString(pin));
                assertThat(repository.resolve("HEAD^{commit}").name()).isEqualTo(pin);
                assertThat(repository.getConfig().getString("remote", "origin", "url")).isEqualTo(repo.dir.toString());
                assertThat(objectsIn(repository, tmp.resolve("clone"))).isEqualTo(objectsOf(repository, pin));
            }
        }
    }

    @Test
    void copiesObjectsFromPacksAsWellAsLooseFiles() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("origin"))) {
            repo.file(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": []}").file("a/b.txt", "b")
                    .file("kept.txt", "packed").commit("first");
            repo.pack();
            assertThat(looseFilesIn(tmp.resolve("origin/.git/objects"))).isEmpty();
            String second = repo.file("a/b.txt", "loose").file("c/d.txt", "d").commit("second");

            String pin = GitMarketplace.cloneInto(repo.dir.toString(), tmp.resolve("clone"));

            assertThat(pin).isEqualTo(second);
            try (Git clone = Git.open(tmp.resolve("clone").toFile())) {
                assertThat(objectsIn(clone.getRepository(), tmp.resolve("clone")))
                        .isEqualTo(objectsOf(clone.getRepository(), pin));
            }
        }
    }

    @Test
    void refusesALocalRepositoryWhoseObjectDoesNotHashToItsId() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("origin"))) {
            repo.file(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": []}").file("a.txt", "honest");
            repo.commit("first");
            ObjectId blob;
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                blob = ids.idFor(Constants.OBJ_BLOB, "honest".getBytes(StandardCharsets.UTF_8));
            }
            Path loose = tmp.resolve("origin/.git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2));
            Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.write(loose, deflate("blob 6\0forged"));

            assertThatThrownBy(() -> GitMarketplace.cloneInto(repo.dir.toString(), tmp.resolve("clone")))
                    .isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining(blob.name());
            assertThat(tmp.resolve("clone")).doesNotExist();
        }
    }

    private static Set<String> looseFilesIn(Path objects) throws Exception {
        try (var files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).map(objects::relativize).map(Path::toString)
                    .filter(p -> p.matches("[0-9a-f]{2}/[0-9a-f]{38}")).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void refusesALocalRepositoryWithAMissingObjectAndLeavesNothing() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("origin"))) {
            repo.file(".claude-plugin/marketplace.json", "{\"name\": \"m\", \"plugins\": []}").file("a.txt", "gone");
            repo.commit("first");
            ObjectId blob;
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                blob = ids.idFor(Constants.OBJ_BLOB, "gone".getBytes(StandardCharsets.UTF_8));
            }
            Files.delete(tmp.resolve("origin/.git/objects/" + blob.name().substring(0, 2) + "/" + blob.name().substring(2)));

            assertThatThrownBy(() -> GitMarketplace.cloneInto(repo.dir.toString(), tmp.resolve("clone")))
                    .isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining(blob.name());
            assertThat(tmp.resolve("clone")).doesNotExist();
        }
    }

    /** Every object stored in the clone, packed or loose. */
    private static Set<String> objectsIn(Repository repository, Path bare) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Pack pack : ((ObjectDirectory) repository.getObjectDatabase()).getPacks()) {
            for (PackIndex.MutableEntry entry : pack) {
                ids.add(entry.name());
            }
        }
        try (var files = Files.walk(bare.resolve("objects"))) {
            files.filter(Files::isRegularFile).map(bare.resolve("objects")::relativize).map(Path::toString)
                    .filter(p -> p.matches("[0-9a-f]{2}/[0-9a-f]{38}")).forEach(p -> ids.add(p.replace("/", "")));
        }
        return ids;
    }

    private static Set<String> objectsOf(Repository repository, String commit) throws Exception {
        Set<String> ids = new HashSet<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            var revCommit = walk.parseCommit(ObjectId.fromString(commit));
            ids.add(commit);
            ids.add(revCommit.getTree().name());
            tree.addTree(revCommit.getTree());
            tree.setRecursive(false);
            while (tree.next()) {
                ids.add(tree.getObjectId(0).name());
                if (tree.isSubtree()) {
                    tree.enterSubtree();
                }
            }
        }
        return ids;
    }

    private static byte[] deflate(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
