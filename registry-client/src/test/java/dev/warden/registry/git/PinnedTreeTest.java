package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedTreeTest {

    @TempDir
    Path tmp;

    private PinnedTree cloned(TestRepository repo) throws Exception {
        String pin = GitMarketplace.cloneInto(repo.commitAnd().url(), tmp.resolve("clone"));
        return GitMarketplace.openTree(tmp.resolve("clone"), pin);
    }

    private static Optional<String> text(PinnedTree tree, String path) throws MarketplaceException {
        return tree.readFile(path, 1024).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void readsManyFilesUnderTheSameFoldersEachAsCommitted() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin"));
        for (int i = 0; i < 20; i++) {
            repo.file("plugins/p" + i + "/.claude-plugin/plugin.json", "{\"n\": " + i + "}");
        }
        try (repo; PinnedTree tree = cloned(repo)) {
            for (int i = 0; i < 20; i++) {
                assertThat(text(tree, "plugins/p" + i + "/.claude-plugin/plugin.json")).contains("{\"n\": " + i + "}");
            }
            assertThat(text(tree, "plugins/p3/.claude-plugin/plugin.json")).contains("{\"n\": 3}");
        }
    }

    @Test
    void aCorruptTreeHoldingANameTwiceIsReadAsJGitsWalkReadsIt() throws Exception {
        Path dir = tmp.resolve("corrupt.git");
        String commit;
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call();
             ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "inside".getBytes(StandardCharsets.UTF_8));
            TreeFormatter x = new TreeFormatter();
            x.append("file.txt", FileMode.REGULAR_FILE, blob);
            TreeFormatter plugins = new TreeFormatter();
            plugins.append("x", FileMode.TREE, inserter.insert(x));
            TreeFormatter root = new TreeFormatter();
            // "plugins" twice: a file, then a folder (git's order puts the file first)
            root.append("plugins", FileMode.REGULAR_FILE,
                    inserter.insert(Constants.OBJ_BLOB, "a file".getBytes(StandardCharsets.UTF_8)));
            root.append("plugins", FileMode.TREE, inserter.insert(plugins));
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(root));
            PersonIdent who = new PersonIdent("t", "t@example.com");
            builder.setAuthor(who);
            builder.setCommitter(who);
            builder.setMessage("corrupt");
            commit = inserter.insert(builder).name();
            inserter.flush();
        }
        try (PinnedTree tree = PinnedTree.open(dir, commit)) {
            assertThat(text(tree, "plugins/x/file.txt")).as("found past the file of the same name, as TreeWalk finds it")
                    .contains("inside");
        }
    }

    @Test
    void findsNothingForAMissingNameOrWhereAFolderOnTheWayIsAFile() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "b").file("c.txt", "c");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "a/missing.txt")).isEmpty();
            assertThat(text(tree, "missing/b.txt")).isEmpty();
            assertThat(text(tree, "c.txt/b.txt")).isEmpty();
            assertThat(text(tree, "A/b.txt")).isEmpty();
        }
    }

    @Test
    void refusesAFolderALinkAndAFileLargerThanAsked() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "0123456789")
                .link("a/link.txt", "b.txt");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThatThrownBy(() -> tree.readFile("a", 1024)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> tree.readFile("a/link.txt", 1024)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> tree.readFile("a/b.txt", 9)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("10 bytes");
            assertThat(tree.readFile("a/b.txt", 10)).isPresent();
        }
    }

    @Test
    void matchesNamesByTheirUtf8Bytes() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("plugins/café/ü.md", "accents");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "plugins/café/ü.md")).contains("accents");
            assertThat(text(tree, "plugins/cafe/ü.md")).isEmpty();
        }
    }

    @Test
    void answersAPathWithEmptyNamesAsJGitsWalkDoes() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "b");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "a/b.txt")).contains("b");
            assertThat(text(tree, "a/b.txt/")).isEqualTo(text(tree, "a/b.txt"));
        }
    }
}
