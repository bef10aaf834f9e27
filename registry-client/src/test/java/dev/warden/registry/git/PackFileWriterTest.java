package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackFileWriterTest {

    @TempDir
    Path tmp;

    private static ObjectId idOf(int type, byte[] content) {
        try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
            return ids.idFor(type, content);
        }
    }

    @Test
    void writesAPackAndIndexThatJGitReadsEveryObjectFrom() throws Exception {
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[300_000];
        Arrays.fill(large, (byte) 'x');
        large[12_345] = 'y';
        try (Git git = Git.init().setBare(true).setDirectory(tmp.resolve("repo").toFile()).call()) {
            Repository repository = git.getRepository();
            ObjectDirectory database = (ObjectDirectory) repository.getObjectDatabase();
            File pack;
            try (PackFileWriter writer = new PackFileWriter(database.getPackDirectory())) {
                assertThat(writer.insert(Constants.OBJ_BLOB, small)).isEqualTo(idOf(Constants.OBJ_BLOB, small));
                assertThat(writer.insert(Constants.OBJ_BLOB, large.length, new ByteArrayInputStream(large)))
                        .isEqualTo(idOf(Constants.OBJ_BLOB, large));
                assertThat(writer.insert(Constants.OBJ_BLOB, new byte[0])).isEqualTo(idOf(Constants.OBJ_BLOB, new byte[0]));
                pack = writer.finish();
            }
            database.openPack(pack);

            assertThat(repository.open(idOf(Constants.OBJ_BLOB, small)).getBytes()).isEqualTo(small);
            assertThat(repository.open(idOf(Constants.OBJ_BLOB, large)).getBytes()).isEqualTo(large);
            assertThat(repository.open(idOf(Constants.OBJ_BLOB, new byte[0])).getBytes()).isEmpty();
            try (var files = Files.list(database.getPackDirectory().toPath())) {
                assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("pack-"))
                        .hasSize(2);
            }
        }
    }

    @Test
    void leavesNothingBehindWhenNotFinished() throws Exception {
        Path packs = Files.createDirectories(tmp.resolve("pack"));
        try (PackFileWriter writer = new PackFileWriter(packs.toFile())) {
            writer.insert(Constants.OBJ_BLOB, new byte[] {1});
        }
        try (var files = Files.list(packs)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesAStreamShorterThanItsStatedSize() throws Exception {
        Path packs = Files.createDirectories(tmp.resolve("pack"));
        try (PackFileWriter writer = new PackFileWriter(packs.toFile())) {
            assertThatThrownBy(() -> writer.insert(Constants.OBJ_BLOB, 10, new ByteArrayInputStream(new byte[4])))
                    .hasMessageContaining("6 bytes before its stated size of 10");
        }
    }
}
