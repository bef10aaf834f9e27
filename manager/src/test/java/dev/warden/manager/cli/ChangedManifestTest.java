package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plugin.json edited after the person reviewed it is never what a command loads: exit 4, audited. */
class ChangedManifestTest extends HomeFixture {

    private static final PluginId PEEK = PluginId.parse("warden-samples/peek");

    Path workspace;
    Path manifest;

    @BeforeEach
    void installPeekAndEditItsManifest() throws Exception {
        workspace = peekInstalledWithAWorkspace();
        try (var versions = Files.list(home.resolve("plugins/warden-samples/peek"))) {
            manifest = versions.findFirst().orElseThrow().resolve("plugin.json");
        }
        // what a plugin (or anyone) with write access to the home would do: widen its own permissions on disk
        Files.writeString(manifest, Files.readString(manifest).replace("${workspace}/**", "${home}/**"));
    }

    @Test
    void runRefusesTheChangedManifestWithExitFourBeforeLoadingAnyCode() {
        CliRunner.Result run = warden.run("run", "warden-samples/peek", "--workspace", workspace.toString(), "peek",
                "--input", "{\"path\":\"${workspace}/hello.txt\"}");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(run.err()).contains("warden-samples/peek").contains("plugin.json changed after it was reviewed");
        assertThat(run.out()).doesNotContain("hello");
    }

    @Test
    void infoGrantsAndEnableRefuseItAndEachRefusalIsAudited() throws Exception {
        assertThat(warden.run("info", "warden-samples/peek").exitCode()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(warden.run("grants", "warden-samples/peek").exitCode()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(warden.run("disable", "warden-samples/peek").exitCode()).isZero();
        assertThat(warden.run("enable", "warden-samples/peek").exitCode()).isEqualTo(ExitCode.INTEGRITY);

        assertThat(new AuditLog(home.resolve("audit")).read(Optional.of(PEEK)))
                .filteredOn(e -> e.event().equals("plugin.manifest.changed")).hasSize(3)
                .allSatisfy(e -> assertThat(e.details()).containsKeys("recorded", "found"));
    }

    @Test
    void theChangedPluginCanStillBeRemovedAndReinstalled() {
        CliRunner.Result removed = warden.run("remove", "warden-samples/peek");

        assertThat(removed.exitCode()).as(removed.all()).isZero();
        assertThat(manifest).doesNotExist();
    }

    @Test
    void restoringTheReviewedBytesLetsItRunAgain() throws Exception {
        Files.writeString(manifest, Files.readString(manifest).replace("${home}/**", "${workspace}/**"));

        CliRunner.Result run = warden.run("run", "warden-samples/peek", "--workspace", workspace.toString(), "peek",
                "--input", "{\"path\":\"${workspace}/hello.txt\"}");

        assertThat(run.exitCode()).as(run.all()).isZero();
    }
}
