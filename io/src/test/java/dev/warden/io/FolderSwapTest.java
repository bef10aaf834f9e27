package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSwapTest {

    @TempDir
    Path dir;

    @Test
    void aCommittedSwapReplacesTheFolderAndLeavesNothingBeside() throws Exception {
        Path target = Files.createDirectories(dir.resolve("metadata"));
        Files.writeString(target.resolve("old"), "old");

        Path fresh = FolderSwap.prepare(target);
        Files.writeString(fresh.resolve("new"), "new");
        FolderSwap.commit(fresh, target);

        assertThat(target.resolve("new")).hasContent("new");
        assertThat(target.resolve("old")).doesNotExist();
        assertThat(children()).containsExactly(target);
    }

    @Test
    void anAbandonedSwapLeavesTheFolderAsItWas() throws Exception {
        Path target = Files.createDirectories(dir.resolve("metadata"));
        Files.writeString(target.resolve("old"), "old");

        Path fresh = FolderSwap.prepare(target);
        Files.writeString(fresh.resolve("new"), "new");
        FolderSwap.abandon(fresh);

        assertThat(target.resolve("old")).hasContent("old");
        assertThat(children()).containsExactly(target);
    }

    @Test
    void recoveryAfterACrashBetweenTheRenamesPutsTheNewFolderInPlace() throws Exception {
        Path target = dir.resolve("metadata");
        Path fresh = FolderSwap.prepare(target);
        Files.writeString(fresh.resolve("new"), "new");
        Path old = Files.createDirectories(dir.resolve("metadata.old-1"));
        Files.writeString(old.resolve("old"), "old");

        FolderSwap.recover(target);

        assertThat(target.resolve("new")).hasContent("new");
        assertThat(children()).containsExactly(target);
    }

    private java.util.List<Path> children() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
