package dev.warden.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work staged before the lock (a bundle under review) survives other processes' locks only while its process lives. */
class StagingOfLiveProcessesTest {

    @TempDir
    Path home;

    @Test
    void aLockKeepsTheStagingOfALiveProcessAndRemovesThatOfADeadOne() throws Exception {
        StateStore store = new StateStore(home);
        Path mine = store.newStagingDir("bundle");
        Files.createDirectories(mine.resolve("skills"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = store.stagingDir().resolve("bundle-p" + gone.pid() + "-" + java.util.UUID.randomUUID());
        Files.createDirectories(dead);
        Path unnamed = store.stagingDir().resolve("bundle-1234");
        Files.createDirectories(unnamed);

        store.lock(Duration.ZERO, "test").close();

        assertThat(mine.resolve("skills")).isDirectory();
        assertThat(dead).doesNotExist();
        assertThat(unnamed).doesNotExist();
    }

    @Test
    void aLockRemovesTheStagingOfADeadProcessNamedAsThisVersionNamesIt() throws Exception {
        StateStore store = new StateStore(home);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String mine = store.newStagingDir("bundle").getFileName().toString();
        Path dead = store.stagingDir().resolve(mine.replaceFirst("-p[0-9]+-", "-p" + gone.pid() + "-"));
        Files.createDirectories(dead);

        store.lock(Duration.ZERO, "test").close();

        assertThat(mine).matches("bundle-p[0-9]+-[0-9a-f]{16}");
        assertThat(dead).doesNotExist();
    }

    @Test
    void everyStagingFolderOfAProcessHasItsOwnName() {
        StateStore store = new StateStore(home);
        assertThat(store.newStagingDir("bundle")).isNotEqualTo(store.newStagingDir("bundle"));
    }

    @Test
    void aFileNamedLikeALiveProcesssStagingIsStillRemoved() throws Exception {
        StateStore store = new StateStore(home);
        Path file = store.newStagingDir("bundle");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a folder");

        store.lock(Duration.ZERO, "test").close();

        assertThat(file).doesNotExist();
    }
}
