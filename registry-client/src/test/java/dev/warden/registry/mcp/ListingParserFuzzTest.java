package dev.warden.registry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.io.UnsafeCharacters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes MCP Registry pages: every input gives a page or the {@link IllegalArgumentException} that
 * {@link ListingParser#page} documents, and no listing it keeps carries unsafe text in the fields a
 * person reads. Seeds are {@link RegistryJson}'s pages, both spellings.
 */
class ListingParserFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyPageIsReadOrRefusedAsAWhole(byte[] input) {
        ListingParser.Page page;
        try {
            page = ListingParser.page(input, "fuzzed page");
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (McpServerListing listing : page.entries()) {
            assertThat(UnsafeCharacters.firstUnsafe(listing.name())).as(listing.name()).isEmpty();
            assertThat(UnsafeCharacters.firstUnsafe(listing.description())).as(listing.description()).isEmpty();
            listing.title().ifPresent(title -> assertThat(UnsafeCharacters.firstUnsafe(title)).as(title).isEmpty());
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                        RegistryJson.page("cursor-2", List.of(RegistryJson.entry("io.github.user/weather", "1.0.0", "active", true,
                                "2025-09-02T00:00:00Z"), RegistryJson.active("io.github.user/notes", "0.3.1"))),
                        RegistryJson.snakePage(null, List.of(RegistryJson.snakeEntry("io.github.user/old", "0.1.0", "deprecated",
                                false, "2025-01-01T00:00:00Z"))),
                        RegistryJson.page(null, List.of()))
                .map(text -> Arguments.of((Object) text.getBytes(StandardCharsets.UTF_8)));
    }
}
