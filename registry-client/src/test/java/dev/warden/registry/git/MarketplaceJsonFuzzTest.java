package dev.warden.registry.git;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@code .claude-plugin/marketplace.json}: every input gives a marketplace or a
 * {@link MarketplaceException}. Seeds are the marketplaces {@link GitMarketplaceTest} serves.
 */
class MarketplaceJsonFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyMarketplaceFileIsReadOrRefusedWithAMarketplaceException(byte[] input) {
        try {
            ClaudeMarketplace market = MarketplaceJson.parse(input, "fuzzed marketplace.json");
            market.plugins().forEach(listing -> market.plugin(listing.name()));
        } catch (MarketplaceException refused) {
            // documented refusal
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(GitMarketplaceTest.acmeMarketplace("""
                            ,
                            {"name": "remote", "source": {"source": "github", "repo": "acme/remote", "ref": "v1",
                             "sha": "0123456789abcdef0123456789abcdef01234567"}},
                            {"name": "by-url", "source": {"source": "url", "url": "https://git.example.com/a.git"}},
                            {"name": "in-repo", "source": {"source": "git-subdir", "url": "https://git.example.com/b.git",
                             "path": "tools/x"}}"""),
                        "{\"name\": \"acme-market\", \"plugins\": []}",
                        "{\"name\": \"m\", \"plugins\": [{\"name\": \"escape\", \"source\": \"./plugins/../../etc\"}]}")
                .map(text -> Arguments.of((Object) text.getBytes(StandardCharsets.UTF_8)));
    }
}
