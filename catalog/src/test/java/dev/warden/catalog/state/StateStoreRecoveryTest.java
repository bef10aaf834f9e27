package dev.warden.catalog.state;

import static dev.warden.catalog.testing.InstalledPluginBuilder.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreRecoveryTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");
    private static final PluginId NOTES = PluginId.parse("zeta/notes");

    @TempDir
    Path home;

    private StateStore store;

    @BeforeEach
    void installTwoPlugins() throws Exception {
        store = new StateStore(home);
        WardenState state = WardenState.empty()
                .withPlugin(plugin("acme/weather").version("1.2.0").pending("1.3.0", "adds a host").build())
                .withPlugin(plugin("zeta/notes").version("0.4.0").build());
        try (StateLock lock = store.lock(Duration.ZERO, "install")) {
            store.commit(lock, state);
        }
        installFiles(store.pluginDir(WEATHER, Version.parse("1.2.0")));
        installFiles(store.pluginDir(WEATHER, Version.parse("1.3.0")));
        installFiles(store.pluginDir(NOTES, Version.parse("0.4.0")));
    }

    @Test
    void keepsTheInstalledAndThePendingVersionsAndAllData() throws Exception {
        Path data = Files.createDirectories(store.dataDir(WEATHER)).resolve("notes.txt");
        Files.writeString(data, "kept");
        Path orphanData = Files.createDirectories(store.dataDir(PluginId.parse("gone/plugin"))).resolve("x");
        Files.writeString(orphanData, "kept too");

        store.lock(Duration.ZERO, "next command").close();

        assertThat(store.pluginDir(WEATHER, Version.parse("1.2.0")).resolve("plugin.json")).exists();
        assertThat(store.pluginDir(WEATHER, Version.parse("1.3.0")).resolve("lib/code.jar")).exists();
        assertThat(store.pluginDir(NOTES, Version.parse("0.4.0")).resolve("plugin.json")).exists();
        assertThat(data).hasContent("kept");
        assertThat(orphanData).hasContent("kept too");
    }

    @Test
    void removesVersionFoldersTheStateDoesNotReference() throws Exception {
        Path oldVersion = installFiles(store.pluginDir(WEATHER, Version.parse("1.1.0")));
        Path halfRenamed = installFiles(home.resolve("plugins/zeta/notes/.0.5.0.partial"));

        store.lock(Duration.ZERO, "next command").close();

        assertThat(oldVersion).doesNotExist();
        assertThat(halfRenamed).doesNotExist();
        assertThat(store.pluginDir(WEATHER, Version.parse("1.2.0"))).exists();
    }

    @Test
    void removesFoldersOfPluginsThatAreNotInstalledAndTheirEmptyParents() throws Exception {
        Path orphan = installFiles(store.pluginDir(PluginId.parse("gone/plugin"), Version.parse("1.0.0")));
        Path sibling = installFiles(store.pluginDir(PluginId.parse("acme/removed"), Version.parse("2.0.0")));

        store.lock(Duration.ZERO, "next command").close();

        assertThat(orphan).doesNotExist();
        assertThat(home.resolve("plugins/gone")).doesNotExist();
        assertThat(sibling).doesNotExist();
        assertThat(home.resolve("plugins/acme/removed")).doesNotExist();
        assertThat(home.resolve("plugins/acme/weather")).exists();
    }

    @Test
    void removesReadOnlyLeftoverFolders() throws Exception {
        Path oldVersion = installFiles(store.pluginDir(NOTES, Version.parse("0.3.0")));
        Files.setPosixFilePermissions(oldVersion.resolve("lib"), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(oldVersion, PosixFilePermissions.fromString("r-xr-xr-x"));

        store.lock(Duration.ZERO, "next command").close();

        assertThat(oldVersion).doesNotExist();
    }

    @Test
    void doesNotFollowLinksOutOfThePluginsFolder() throws Exception {
        Path outside = Files.createDirectories(home.resolveSibling(home.getFileName() + "-outside"));
        Files.writeString(outside.resolve("precious.txt"), "not Warden's");
        Path link = store.pluginDir(NOTES, Version.parse("0.3.0"));
        Files.createSymbolicLink(link, outside);
        try {
            store.lock(Duration.ZERO, "next command").close();

            assertThat(link).doesNotExist();
            assertThat(outside.resolve("precious.txt")).hasContent("not Warden's");
        } finally {
            FileTrees.deleteTree(outside);
        }
    }

    @Test
    void emptiesTheStagingFolder() throws Exception {
        Path staged = installFiles(store.stagingDir().resolve("acme-weather-1.4.0"));
        Files.writeString(store.stagingDir().resolve("download.part"), "partial");

        store.lock(Duration.ZERO, "next command").close();

        assertThat(staged).doesNotExist();
        assertThat(store.stagingDir()).isEmptyDirectory();
    }

    @Test
    void removesTemporaryFilesButNotOtherFilesInTheHome() throws Exception {
        Path temp = Files.writeString(home.resolve(".catalog.json.1a2b3c4d.tmp"), "{\"half");
        Path other = Files.writeString(home.resolve("notes.tmp.txt"), "mine");

        store.lock(Duration.ZERO, "next command").close();

        assertThat(temp).doesNotExist();
        assertThat(other).exists();
        assertThat(home.resolve(".lock")).exists();
    }

    @Test
    void leavesEverythingInPlaceWhenTheStateCannotBeRead() throws Exception {
        Path oldVersion = installFiles(store.pluginDir(WEATHER, Version.parse("1.1.0")));
        byte[] good = Files.readAllBytes(home.resolve("catalog.json"));
        Files.writeString(home.resolve("catalog.json"), "{ broken");

        assertThatThrownBy(() -> store.lock(Duration.ZERO, "next command"))
                .isInstanceOf(StateException.class).hasMessageContaining("catalog.json");

        assertThat(oldVersion).exists();
        assertThat(store.pluginDir(NOTES, Version.parse("0.4.0"))).exists();
        assertThat(home.resolve("catalog.json")).hasContent("{ broken");
        // the failed lock() released the lock: once the file is restored, the next command proceeds
        Files.write(home.resolve("catalog.json"), good);
        store.lock(Duration.ZERO, "after restore").close();
        assertThat(oldVersion).doesNotExist();
    }

    private static Path installFiles(Path versionDir) throws IOException {
        Files.createDirectories(versionDir.resolve("lib"));
        Files.writeString(versionDir.resolve("plugin.json"), "{}");
        Files.writeString(versionDir.resolve("lib/code.jar"), "jar");
        return versionDir;
    }
}
