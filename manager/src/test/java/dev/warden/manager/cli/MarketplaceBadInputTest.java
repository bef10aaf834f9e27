package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The marketplace commands meet bad input with a clear message naming the culprit, their exit code, and no change. */
class MarketplaceBadInputTest extends TrustedAcmeFixture {

    Path site;
    Path marketKey;
    Map<String, String> before;
    Map<String, String> siteBefore;

    @BeforeEach
    void aHomeWithOneMarketplace() throws Exception {
        site = temp.resolve("site");
        assertThat(warden.run("keys", "generate", "--publisher", "market", "--out", temp.resolve("market").toString())
                .exitCode()).isZero();
        marketKey = temp.resolve("market/market.key");
        assertThat(warden.run("repo", "init", site.toString(), "--key", marketKey.toString()).exitCode()).isZero();
        Path weather = acme.sign(plugin("acme", "weather"), "weather-1.0.0");
        assertThat(warden.run("publish", weather.toString(), "--repo", site.toString(), "--key", marketKey.toString())
                .exitCode()).isZero();
        assertThat(warden.run("marketplace", "add", "market", site.toString(), "--yes").exitCode()).isZero();
        before = HomeSnapshot.of(home);
        siteBefore = HomeSnapshot.of(site);
    }

    private void assertFails(CliRunner.Result result, int exitCode, String... messageParts) throws Exception {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
        assertThat(result.err()).contains(messageParts).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(StaticMarketplaceTest.withoutAudit(before));
        assertThat(HomeSnapshot.of(site)).isEqualTo(siteBefore);
    }

    @Test
    void addingRefusesBadNamesTakenNamesUnknownKindsAndPlacesThatAreNoMarketplace() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("empty"));

        assertFails(warden.run("marketplace", "add", "Bad_Name", site.toString(), "--yes"), ExitCode.ERROR, "Bad_Name", "kebab-case");
        assertFails(warden.run("marketplace", "add", "market", site.toString(), "--yes"), ExitCode.ERROR, "already added");
        assertFails(warden.run("marketplace", "add", "other", site.toString(), "--kind", "ftp", "--yes"), ExitCode.USAGE,
                "--kind", "ftp");
        assertFails(warden.run("marketplace", "add", "other", temp.resolve("missing").toString(), "--yes"), ExitCode.ERROR,
                "missing", "does not exist");
        assertFails(warden.run("marketplace", "add", "other", empty.toString(), "--yes"), ExitCode.ERROR, "empty",
                "repo init");
        assertFails(warden.run("marketplace", "add", "other", "ext::sh -c touch% /tmp/pwned", "--kind", "git", "--yes"),
                ExitCode.ERROR, "ext::");
    }

    @Test
    void unknownMarketplacesPluginsAndVersionsAreNamed() throws Exception {
        assertFails(warden.run("marketplace", "remove", "nowhere"), ExitCode.ERROR, "no marketplace named nowhere");
        assertFails(warden.run("marketplace", "update", "nowhere"), ExitCode.ERROR, "no marketplace named nowhere");
        assertFails(warden.run("install", "acme/nothing", "--yes"), ExitCode.ERROR, "no marketplace offers acme/nothing");
        assertFails(warden.run("install", "acme/weather@not.a.version", "--yes"), ExitCode.USAGE, "not.a.version");
        assertFails(warden.run("install", "acme/weather@2.0.0", "--yes"), ExitCode.ERROR, "2.0.0", "1.0.0");
        assertFails(warden.run("info", "nothing-like-it"), ExitCode.ERROR, "nothing-like-it");
    }

    @Test
    void aBadDownloadSettingIsNamed() throws Exception {
        assertFails(warden.env("WARDEN_HTTP_TIMEOUT", "soon").run("marketplace", "update"), ExitCode.ERROR,
                "WARDEN_HTTP_TIMEOUT", "soon");
    }

    @Test
    void publishingRefusesAFolderThatIsNoRepositoryAWrongKeyAndAFileThatIsNoBundle() throws Exception {
        Path weather = acme.sign(plugin("acme", "weather").version("1.1.0"), "weather-1.1.0");
        Path notARepo = Files.createDirectories(temp.resolve("not-a-repo"));
        Path garbage = Files.writeString(temp.resolve("garbage.wpk"), "this is not a zip archive");

        CliRunner.Result noRepo = warden.run("publish", weather.toString(), "--repo", notARepo.toString(), "--key",
                marketKey.toString());
        assertThat(noRepo.exitCode()).as(noRepo.all()).isNotZero();
        assertThat(noRepo.err()).contains("root.json").doesNotContain("\tat ");
        assertFails(warden.run("publish", weather.toString(), "--repo", site.toString(), "--key",
                acme.keys().resolve("acme.key").toString()), ExitCode.REFUSED, "key");
        assertFails(warden.run("publish", garbage.toString(), "--repo", site.toString(), "--key", marketKey.toString()),
                ExitCode.INTEGRITY, "garbage.wpk");
        assertFails(warden.run("repo", "init", site.toString(), "--key", marketKey.toString()), ExitCode.ERROR, "root.json");
    }
}
