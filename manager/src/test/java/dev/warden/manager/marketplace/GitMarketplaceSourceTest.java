package dev.warden.manager.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.GitFixtures;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.signing.TrustDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMarketplaceSourceTest {

    @TempDir
    Path tmp;

    @Test
    void theRefreshCompletingAnAddKeepsThePinThePersonWasShownAndALaterRefreshMovesIt() throws Exception {
        Path repo = tmp.resolve("origin");
        String shown = commitListing(repo, "[{\"name\": \"weather\", \"source\": \"./plugins/weather\"}]");
        Path dir = Files.createDirectories(tmp.resolve("cache/team"));

        GitMarketplaceSource adding = source(repo);
        adding.introduce(dir);
        String later = commitListing(repo, "[]");

        assertThat(adding.refresh(dir).changed()).isFalse();
        assertThat(adding.offers(dir).orElseThrow().pin()).contains(shown);
        assertThat(adding.offers(dir).orElseThrow().offers()).hasSize(1);

        RefreshReport update = source(repo).refresh(dir);
        assertThat(update.changed()).isTrue();
        assertThat(adding.offers(dir).orElseThrow().pin()).contains(later);
        assertThat(adding.offers(dir).orElseThrow().offers()).isEmpty();
    }

    @Test
    void aBundleIsBuiltAtThePinOfTheOffersItsOfferWasTakenFromEvenAfterTheCacheMoved() throws Exception {
        Path repo = tmp.resolve("origin");
        commitListing(repo, "[{\"name\": \"weather\", \"source\": \"./plugins/weather\"}]");
        Path dir = Files.createDirectories(tmp.resolve("cache/team"));
        source(repo).introduce(dir);
        OfferFile read = source(repo).offers(dir).orElseThrow();
        Files.writeString(repo.resolve("plugins/weather/.claude-plugin/plugin.json"),
                "{\"name\": \"weather\", \"version\": \"2.0.0\", \"description\": \"Weather\"}");
        GitFixtures.commitAll(repo, "weather 2.0.0");
        assertThat(source(repo).refresh(dir).changed()).isTrue();

        PreparedBundle bundle = source(repo).bundle(read.offers().get(0), Optional.of(read), dir,
                Files.createDirectories(tmp.resolve("work")));

        assertThat(bundle.version()).hasToString("1.0.0");
    }

    private GitMarketplaceSource source(Path repo) {
        return new GitMarketplaceSource("team", repo.toString(), Clock.systemUTC(), FetchSettings.defaults(),
                new TrustDirectory(tmp.resolve("trust"), tmp.resolve("system-trust")));
    }

    private static String commitListing(Path repo, String plugins) throws Exception {
        Path manifest = repo.resolve("plugins/weather/.claude-plugin/plugin.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "{\"name\": \"weather\", \"version\": \"1.0.0\", \"description\": \"Weather\"}");
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"team-market\", \"owner\":"
                + " {\"name\": \"Team\"}, \"plugins\": " + plugins + "}");
        return GitFixtures.commitAll(repo, "listing");
    }
}
