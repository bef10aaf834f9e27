package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PluginSource;
import dev.warden.manager.testing.StaticServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishers with delegated roles of their own: the marketplace vouches for acme's and globex's keys,
 * each publishes with its own key, and a role cannot sign another publisher's paths.
 */
class DelegatedPublisherTest extends TrustedAcmeFixture {

    Path site;
    Path marketKey;
    Publisher globex;

    @BeforeEach
    void setUp() {
        site = temp.resolve("site");
        globex = new Publisher(warden, temp.resolve("globex"), "globex").trusted();
        ok("keys", "generate", "--publisher", "market", "--out", temp.resolve("market").toString());
        marketKey = temp.resolve("market/market.key");
        ok("repo", "init", site.toString(), "--key", marketKey.toString());
        ok("publish", "--delegate", "acme", "--publisher-key", acme.publicEntry().toString(), "--repo", site.toString(),
                "--key", marketKey.toString());
        ok("publish", "--delegate", "globex", "--publisher-key", globex.publicEntry().toString(), "--repo",
                site.toString(), "--key", marketKey.toString());
    }

    static PluginSource notes(String publisher) {
        return plugin(publisher, "notes").description("Keep notes").skill("notes", "Take notes", "Write notes.");
    }

    Path key(Publisher publisher, String id) {
        return publisher.keys().resolve(id + ".key");
    }

    @Test
    void aDelegatedPublisherPublishesWithItsOwnKeyAndItsPluginInstalls() throws Exception {
        Path bundle = acme.sign(notes("acme"), "notes-1.0.0");
        CliRunner.Result published = ok("publish", bundle.toString(), "--repo", site.toString(), "--key",
                key(acme, "acme").toString(), "--repo-key", marketKey.toString());
        assertThat(published.out()).contains("Published acme/notes 1.0.0");

        try (StaticServer server = StaticServer.serve(site)) {
            ok("marketplace", "add", "market", server.url(), "--yes");
            assertThat(ok("search", "notes").out()).contains("acme/notes");

            assertThat(ok("install", "acme/notes", "--yes").out()).contains("Installed acme/notes 1.0.0.");
        }
    }

    @Test
    void aPublisherWithoutTheRepositoryKeyWaitsForTheOperatorsRefresh() throws Exception {
        ok("publish", acme.sign(notes("acme"), "notes-1.0.0").toString(), "--repo", site.toString(), "--key",
                key(acme, "acme").toString());

        try (StaticServer server = StaticServer.serve(site)) {
            ok("marketplace", "add", "market", server.url(), "--yes");
            assertThat(ok("search").out()).doesNotContain("acme/notes");

            ok("repo", "refresh", site.toString(), "--key", marketKey.toString());
            ok("marketplace", "update", "market");

            assertThat(ok("search").out()).contains("acme/notes");
        }
    }

    @Test
    void aPublisherRoleCannotSignAnotherPublishersPaths() throws Exception {
        Path acmeBundle = acme.sign(notes("acme"), "notes-1.0.0");

        CliRunner.Result refused = warden.run("publish", acmeBundle.toString(), "--repo", site.toString(), "--key",
                key(globex, "globex").toString(), "--repo-key", marketKey.toString());

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("publisher role(s) [globex]", "acme/notes");
    }

    @Test
    void aKeyNoRoleWasDelegatedToIsRefused() throws Exception {
        Publisher stranger = new Publisher(warden, temp.resolve("initech"), "initech");
        Path bundle = stranger.sign(notes("initech"), "notes-1.0.0");

        CliRunner.Result refused = warden.run("publish", bundle.toString(), "--repo", site.toString(), "--key",
                key(stranger, "initech").toString(), "--repo-key", marketKey.toString());

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("publish --delegate");
    }

    @Test
    void delegationOptionsThatDoNotFitAreUsageErrorsAndLeaveTheRepositoryAsItWas() throws Exception {
        Path bundle = acme.sign(notes("acme"), "notes-1.0.0");
        Map<String, String> before = HomeSnapshot.of(site);
        String repo = site.toString();
        String market = marketKey.toString();
        String acmeEntry = acme.publicEntry().toString();

        List<List<String>> wrong = List.of(
                List.of("publish", "--repo", repo, "--key", market),
                List.of("publish", bundle.toString(), "--delegate", "acme", "--publisher-key", acmeEntry, "--repo", repo, "--key", market),
                List.of("publish", "--delegate", "acme", "--repo", repo, "--key", market),
                List.of("publish", "--delegate", "acme", "--publisher-key", globex.publicEntry().toString(), "--repo", repo, "--key", market),
                List.of("publish", bundle.toString(), "--publisher-key", acmeEntry, "--repo", repo, "--key", key(acme, "acme").toString()),
                List.of("publish", "--delegate", "acme", "--publisher-key", acmeEntry, "--repo-key", market, "--repo", repo, "--key", market));
        for (List<String> args : wrong) {
            CliRunner.Result result = warden.run(args.toArray(String[]::new));

            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.all()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err()).as(String.join(" ", args)).doesNotContain("Exception").isNotBlank();
        }
        assertThat(HomeSnapshot.of(site)).isEqualTo(before);
    }
}
