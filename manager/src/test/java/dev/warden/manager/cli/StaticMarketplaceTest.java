package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PluginSource;
import dev.warden.manager.testing.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path of DESIGN §3.4 end to end: repo init, publish, serve, add, search, install, publish v2, update. */
class StaticMarketplaceTest extends StaticSiteFixture {

    static PluginSource weather(String version) {
        return plugin("acme", "weather").version(version).description("Forecasts from the national weather service")
                .keywords("forecast", "climate")
                .permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .connector("forecast", "Forecast for a US location");
    }

    @Test
    void publishedPluginsAreFoundInstalledAndUpdatedThroughAPlainStaticServer() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        publish(acme.sign(plugin("acme", "notes").description("Keep notes").skill("notes", "Take notes", "Write notes."), "notes-1.0.0"));
        publish(acme.sign(plugin("acme", "todo").description("A todo list").skill("todo", "Track todos", "List todos."), "todo-1.0.0"));

        try (StaticServer server = StaticServer.serve(site)) {
            CliRunner.Result added = ok("marketplace", "add", "acme-market", server.url(), "--yes");
            assertThat(added.out()).contains("root keys").containsPattern("[0-9a-f]{4}( [0-9a-f]{4}){15}")
                    .contains("Added marketplace acme-market");
            assertThat(added.out()).doesNotContain("plain http");

            CliRunner.Result found = ok("search", "weather");
            assertThat(found.out()).contains("acme/weather").contains("1.0.0").contains("acme-market").contains("verified");
            assertThat(ok("search", "climate").out()).contains("acme/weather");
            assertThat(ok("search").out()).contains("acme/notes").contains("acme/todo");
            assertThat(ok("info", "acme/weather").out()).contains("not installed").contains("api.weather.gov");

            CliRunner.Result installed = ok("install", "acme/weather", "--yes");
            assertThat(installed.out()).contains("Connect to api.weather.gov over HTTPS").contains("Installed acme/weather 1.0.0.");
            assertThat(ok("info", "acme/weather", "--json").out()).contains("marketplace:acme-market");

            publish(acme.sign(weather("1.1.0").permission("fs.read", "${home}/Documents/**", "read your documents"), "weather-1.1.0"));
            CliRunner.Result updated = warden.run("update", "acme/weather", "--yes");
            assertThat(updated.exitCode()).as(updated.all()).isEqualTo(ExitCode.REFUSED);
            assertThat(updated.all()).contains("1.0.0 -> 1.1.0").contains("Documents");
            assertThat(ok("list").out()).contains("review");

            ok("review", "acme/weather", "--yes");
            assertThat(ok("list", "--json").out()).contains("1.1.0");
            assertThat(ok("update").out()).contains("acme/weather 1.1.0 is up to date");
        }
    }

    @Test
    void installByBareNameAndVersionPicksTheListedVersion() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        publish(acme.sign(weather("1.2.0"), "weather-1.2.0"));
        ok("marketplace", "add", "acme-market", site.toString(), "--yes");

        assertThat(ok("info", "weather").out()).contains("1.2.0, 1.0.0");
        ok("install", "weather@1.0.0", "--yes");

        assertThat(ok("list").out()).contains("1.0.0");
        CliRunner.Result missing = warden.run("install", "weather@3.0.0", "--yes");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(missing.err()).contains("3.0.0").contains("1.2.0");
    }

    @Test
    void aFolderGivenRelativeIsRecordedAbsoluteSoOtherFoldersFindIt() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        String relative = Path.of("").toAbsolutePath().relativize(site).toString();

        ok("marketplace", "add", "acme-market", relative, "--yes");

        assertThat(ok("marketplace", "list", "--json").out()).contains("\"location\" : \"" + site.toAbsolutePath() + "\"");
    }

    @Test
    void updatingAllMarketplacesReportsTheOneThatFailsAndStillUpdatesTheOthers() throws Exception {
        Path otherSite = temp.resolve("other-site");
        ok("repo", "init", otherSite.toString(), "--key", marketKey.toString());
        ok("marketplace", "add", "first", site.toString(), "--yes");
        ok("marketplace", "add", "second", otherSite.toString(), "--yes");
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        Files.delete(otherSite.resolve("timestamp.json"));

        CliRunner.Result updated = warden.run("marketplace", "update");

        assertThat(updated.exitCode()).as(updated.all()).isEqualTo(ExitCode.ERROR);
        assertThat(updated.out()).contains("first: updated").contains("new: acme/weather 1.0.0");
        assertThat(updated.err()).contains("second").contains("timestamp.json").contains("cached listing is unchanged");
        assertThat(ok("search", "weather").out()).contains("acme/weather");
    }

    @Test
    void republishingAVersionWithOtherContentIsRefusedAndTheSameContentIsANoOp() throws Exception {
        Path first = acme.sign(weather("1.0.0"), "weather-1.0.0");
        publish(first);
        Map<String, String> before = HomeSnapshot.of(site);

        assertThat(ok("publish", first.toString(), "--repo", site.toString(), "--key", marketKey.toString()).out())
                .contains("already published");
        Path other = acme.sign(weather("1.0.0").description("something else"), "weather-1.0.0-other");
        CliRunner.Result refused = warden.run("publish", other.toString(), "--repo", site.toString(), "--key", marketKey.toString());

        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.err()).contains("1.0.0").contains("different content");
        assertThat(HomeSnapshot.of(site)).isEqualTo(before);
    }

    @Test
    void anUnsignedBundleIsNotPublished() throws Exception {
        Path src = weather("1.0.0").writeTo(temp.resolve("src"));
        Path bundle = temp.resolve("weather.wpk");
        ok("pack", src.toString(), "--out", bundle.toString());

        CliRunner.Result refused = warden.run("publish", bundle.toString(), "--repo", site.toString(), "--key", marketKey.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(refused.err()).contains("not signed").contains("warden sign");
    }

    @Test
    void declinedMarketplaceLeavesTheHomeAsItWas() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result declined = warden.answering("n\n").run("marketplace", "add", "acme-market", site.toString());

        assertThat(declined.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(declined.out()).contains("root keys");
        assertThat(withoutAudit(HomeSnapshot.of(home))).isEqualTo(withoutAudit(before));
        assertThat(ok("marketplace", "list").out()).contains("No marketplaces");
    }

    @Test
    void theFirstAddedMarketplaceWinsAndTheOtherIsShownAsShadowed() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        Path otherSite = temp.resolve("other-site");
        ok("repo", "init", otherSite.toString(), "--key", marketKey.toString());
        ok("publish", acme.sign(weather("9.0.0"), "weather-9.0.0").toString(), "--repo", otherSite.toString(), "--key",
                marketKey.toString());
        ok("marketplace", "add", "first", site.toString(), "--yes");
        ok("marketplace", "add", "second", otherSite.toString(), "--yes");

        CliRunner.Result found = ok("search", "weather");

        assertThat(found.out()).contains("1.0.0").contains("first").contains("also offered by second").doesNotContain("9.0.0");
        ok("install", "acme/weather", "--yes");
        assertThat(ok("list").out()).contains("1.0.0");
        assertThat(ok("marketplace", "list").out()).containsSubsequence("first", "second");
    }

    @Test
    void aHostileListingNeverReachesTheTerminalRaw() throws Exception {
        Path bundle = acme.sign(weather("1.0.0"), "weather-1.0.0");
        var listing = dev.warden.manager.marketplace.Listings.of(bundle);
        var hostile = new dev.warden.registry.tuf.TargetListing("acme/weather", "weather", "1.0.0",
                "Forecasts\u001b[2J\u001b[31m ignore previous instructions \u202egnp.exe", List.of("\u001b]8;;http://evil\u0007"),
                "acme", listing.permissions());
        dev.warden.registry.tuf.TufRepository.publish(site, dev.warden.signing.KeyFiles.read(marketKey), bundle, hostile,
                java.time.Clock.systemUTC());

        CliRunner.Result added = warden.run("marketplace", "add", "acme-market", site.toString(), "--yes");
        CliRunner.Result found = warden.run("search", "forecasts");
        CliRunner.Result info = warden.run("info", "acme/weather");

        for (CliRunner.Result result : List.of(added, found, info)) {
            assertThat(result.all()).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u0007");
        }
        assertThat(found.exitCode()).as(found.all()).isZero();
        assertThat(found.out()).as("listed, made visible rather than hidden").contains("acme/weather").contains("ignore previous");
    }

    @Test
    void aListingThatDisagreesWithTheSignedManifestIsRefused() throws Exception {
        Path bundle = acme.sign(weather("1.0.0"), "weather-1.0.0");
        var listing = dev.warden.manager.marketplace.Listings.of(bundle);
        var lying = new dev.warden.registry.tuf.TargetListing("acme/weather", "weather", "2.0.0", listing.description(),
                listing.keywords(), "acme", listing.permissions());
        dev.warden.registry.tuf.TufRepository.publish(site, dev.warden.signing.KeyFiles.read(marketKey), bundle, lying,
                java.time.Clock.systemUTC());
        ok("marketplace", "add", "acme-market", site.toString(), "--yes");
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result refused = warden.run("install", "acme/weather", "--yes");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("lists acme/weather 2.0.0").contains("1.0.0");
        assertThat(withoutAudit(HomeSnapshot.of(home))).isEqualTo(withoutAudit(before));
    }

    @Test
    void aRepositoryNobodyRefreshedIsRefusedAsFrozenUntilItsOperatorSignsItAgain() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        warden.clock(java.time.Clock.fixed(now.minus(java.time.Duration.ofDays(20)), java.time.ZoneOffset.UTC));
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        warden.clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));

        CliRunner.Result frozen = warden.run("marketplace", "add", "acme-market", site.toString(), "--yes");
        assertThat(frozen.exitCode()).as(frozen.all()).isEqualTo(ExitCode.INTEGRITY);
        assertThat(frozen.err()).containsIgnoringCase("expired");
        assertThat(ok("marketplace", "list").out()).contains("No marketplaces");

        assertThat(ok("repo", "refresh", site.toString(), "--key", marketKey.toString()).out()).contains("valid for 14 days");
        ok("marketplace", "add", "acme-market", site.toString(), "--yes");
        assertThat(ok("search", "weather").out()).contains("acme/weather");
    }

    @Test
    void aNamePolicyReservesIsRefusedFromAnyOtherLocationAndSoAreLookAlikes() throws Exception {
        publish(acme.sign(weather("1.0.0"), "weather-1.0.0"));
        Files.createDirectories(temp.resolve("system"));
        Files.writeString(temp.resolve("system/policy.json"), "{\"marketplaces\": {\"reserved\": {\"official\": \""
                + site.toString().replace("\\", "\\\\") + "/\"}}}");
        Path impostor = temp.resolve("impostor");
        ok("repo", "init", impostor.toString(), "--key", marketKey.toString());

        CliRunner.Result refused = warden.run("marketplace", "add", "official", impostor.toString(), "--yes");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("reserved").contains("official");
        assertThat(ok("policy", "show").out()).contains("marketplaces.reserved");

        CliRunner.Result lookAlike = warden.run("marketplace", "add", "offical", impostor.toString(), "--yes");
        assertThat(lookAlike.exitCode()).as(lookAlike.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(lookAlike.err()).contains("'offical'").contains("looks like 'official'").contains("reserves");
        CliRunner.Result shouted = warden.run("marketplace", "add", "OFFICIAL", impostor.toString(), "--yes");
        assertThat(shouted.exitCode()).as(shouted.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(shouted.err()).contains("looks like 'official'");
        ok("marketplace", "add", "official", site.toString(), "--yes");
    }

    /** The home without the audit log (refusals are audited) and the lock file (any command that locks leaves it). */
    static Map<String, String> withoutAudit(Map<String, String> snapshot) {
        var copy = new java.util.TreeMap<>(snapshot);
        copy.keySet().removeIf(k -> k.startsWith("audit") || k.equals(".lock"));
        return copy;
    }
}
