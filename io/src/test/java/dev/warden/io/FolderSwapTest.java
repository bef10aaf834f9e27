package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSwapTest {

    @TempDir
    Path parent;

    @Test
    void aCommittedSwapReplacesTheFolderAndAnAbandonedOneLeavesItAsItWas() throws Exception {
        Path target = Files.createDirectories(parent.resolve("metadata"));
        Files.writeString(target.resolve("old"), "old");

        Path abandoned = FolderSwap.prepare(target);
        Files.writeString(abandoned.resolve("half"), "half");
        FolderSwap.abandon(abandoned);
        assertThat(target.resolve("old")).hasContent("old");
        assertThat(siblings()).containsExactly(target);

        Path fresh = FolderSwap.prepare(target);
        Files.writeString(fresh.resolve("new"), "new");
        FolderSwap.commit(fresh, target);
        assertThat(target.resolve("new")).hasContent("new");
        assertThat(target.resolve("old")).doesNotExist();
        assertThat(siblings()).containsExactly(target);
    }

    @Test
    void recoveryAfterACrashBetweenTheRenamesPutsTheNewFolderInPlace() throws Exception {
        Path target = parent.resolve("metadata");
        Files.writeString(FolderSwap.prepare(target).resolve("new"), "new");
        Files.writeString(Files.createDirectories(parent.resolve("metadata.old-1")).resolve("old"), "old");

        FolderSwap.recover(target);

        assertThat(target.resolve("new")).hasContent("new");
        assertThat(siblings()).containsExactly(target);
    }

    private java.util.List<Path> siblings() throws Exception {
        try (Stream<Path> files = Files.list(parent)) {
            return files.toList();
        }
    }
}
