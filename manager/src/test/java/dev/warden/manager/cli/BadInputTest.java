package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every lifecycle command meets bad input with a clear message, its exit code, and no change. */
class BadInputTest extends TrustedAcmeFixture {

    Map<String, String> before;

    @BeforeEach
    void aHomeWithOnePluginInstalled() throws Exception {
        assertThat(warden.run("install", acme.sign(plugin("acme", "weather")
                .permission("net.egress", "https://api.weather.gov", "forecasts"), "weather-1.0.0").toString(), "--yes")
                .exitCode()).isZero();
        before = HomeSnapshot.of(home);
    }

    private void assertFails(CliRunner.Result result, int exitCode, String... messageParts) throws Exception {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
        assertThat(result.err()).contains(messageParts).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(HomeSnapshot.of(home)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotABundleIsAnIntegrityFailure() throws Exception {
        Path garbage = Files.writeString(temp.resolve("garbage.wpk"), "this is not a zip archive");

        assertFails(warden.run("install", garbage.toString(), "--yes"), ExitCode.INTEGRITY, "garbage.wpk");
    }

    @Test
    void updatingFromAnotherPluginsBundleIsRefused() throws Exception {
        Path notes = acme.sign(plugin("acme", "notes").version("2.0.0"), "notes-2.0.0");

        assertFails(warden.run("update", "acme/weather", "--from", notes.toString(), "--yes"), ExitCode.REFUSED,
                "acme/notes", "not of acme/weather");
    }

    @Test
    void reviewWithoutAPendingUpdateIsRefusedAndContradictoryFlagsAreAUsageError() throws Exception {
        assertFails(warden.run("review", "acme/weather", "--yes"), ExitCode.REFUSED, "no update waiting");
        assertFails(warden.run("review", "acme/weather", "--yes", "--reject"), ExitCode.USAGE, "contradict");
    }

    @Test
    void unknownPermissionKindsPluginsAndGrantsAreNamed() throws Exception {
        assertFails(warden.run("revoke", "acme/weather", "fs.nope", "x"), ExitCode.USAGE, "fs.nope");
        assertFails(warden.run("revoke", "acme/weather", "fs.read", "${home}/**"), ExitCode.REFUSED, "holds no grant");
        assertFails(warden.run("grants", "acme/other"), ExitCode.ERROR, "acme/other is not installed");
        assertFails(warden.run("enable", "Not An Id/x"), ExitCode.USAGE, "not a plugin id");
    }

    @Test
    void aMalformedPolicyFileStopsEveryLifecycleCommandAndIsNamed() throws Exception {
        Files.writeString(home.resolve("policy.json"), "{\"publishers\": {\"block\": \"evil\"}}");
        before = HomeSnapshot.of(home);

        assertFails(warden.run("disable", "acme/weather"), ExitCode.ERROR, "policy.json", "$.publishers.block");
    }

    @Test
    void aBadLockWaitIsAUsageError() throws Exception {
        assertFails(warden.env("WARDEN_LOCK_WAIT", "soon").run("disable", "acme/weather"), ExitCode.USAGE, "WARDEN_LOCK_WAIT");
    }
}
