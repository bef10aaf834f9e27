package dev.warden.registry.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpListingParserTest {

    private static ListingParser.Page parse(String json) {
        return ListingParser.page(json.getBytes(StandardCharsets.UTF_8), "page 1");
    }

    @Test
    void readsEveryFieldOfAnEntry() {
        ListingParser.Page page = parse(RegistryJson.page("next-1",
                List.of(RegistryJson.entry("io.github.user/weather", "1.2.0", "active", true, "2025-10-01T12:00:00Z"))));

        assertThat(page.nextCursor()).contains("next-1");
        assertThat(page.skipped()).isEmpty();
        McpServerListing listing = page.entries().get(0);
        assertThat(listing.name()).isEqualTo("io.github.user/weather");
        assertThat(listing.version()).isEqualTo("1.2.0");
        assertThat(listing.title()).contains("Weather");
        assertThat(listing.description()).isEqualTo("Forecasts for io.github.user/weather");
        assertThat(listing.repositoryUrl()).contains("https://github.com/user/weather");
        assertThat(listing.updatedAt()).contains(Instant.parse("2025-10-01T12:00:00Z"));
        assertThat(listing.latest()).isTrue();
        assertThat(listing.status()).isEqualTo("active");
        assertThat(listing.remotes()).containsExactly(new McpRemote("streamable-http", "https://mcp.example.com/weather"));
        McpPackage npm = listing.packages().get(0);
        assertThat(npm.registryType()).isEqualTo("npm");
        assertThat(npm.identifier()).isEqualTo("@user/weather-mcp");
        assertThat(npm.runtimeHint()).contains("npx");
        assertThat(npm.transportType()).isEqualTo("stdio");
        assertThat(npm.runtimeArguments()).containsExactly("--yes");
        assertThat(npm.packageArguments()).as("arguments needing the person's input are left out")
                .containsExactly("serve", "--port", "8080");
        assertThat(npm.environmentVariables()).containsExactly(
                new McpEnvVar("WEATHER_API_KEY", "API key", true, true),
                new McpEnvVar("WEATHER_UNITS", "metric or imperial", false, false, "string", Optional.of("metric"), List.of()));
    }

    @Test
    void snakeCaseAndCamelCaseParseToTheSameListings() {
        ListingParser.Page camel = parse(RegistryJson.page("c2", List.of(
                RegistryJson.entry("io.github.user/weather", "1.2.0", "active", true, "2025-10-01T12:00:00Z"),
                RegistryJson.entry("com.example/notes", "0.3.1", "deprecated", false, "2025-10-02T12:00:00+02:00"))));
        ListingParser.Page snake = parse(RegistryJson.snakePage("c2", List.of(
                RegistryJson.snakeEntry("io.github.user/weather", "1.2.0", "active", true, "2025-10-01T12:00:00Z"),
                RegistryJson.snakeEntry("com.example/notes", "0.3.1", "deprecated", false, "2025-10-02T12:00:00+02:00"))));

        assertThat(snake.entries()).hasSize(2).isEqualTo(camel.entries());
        assertThat(snake.nextCursor()).isEqualTo(camel.nextCursor());
        assertThat(camel.entries().get(1).updatedAt()).contains(Instant.parse("2025-10-02T10:00:00Z"));
    }

    @Test
    void skipsAnEntryWithAnEscapeCharacterAndKeepsTheOthers() {
        String bad = RegistryJson.active("io.github.evil/ansi", "1.0.0")
                .replace("Forecasts for", "Forecasts \\u001b[2J for");
        ListingParser.Page page = parse(RegistryJson.page(null, List.of(
                RegistryJson.active("io.github.user/a", "1.0.0"), bad, RegistryJson.active("io.github.user/b", "1.0.0"))));

        assertThat(page.entries()).extracting(McpServerListing::name).containsExactly("io.github.user/a", "io.github.user/b");
        assertThat(page.skipped()).singleElement().asString()
                .contains("page 1", "$.servers[1]", "io.github.evil/ansi", "U+001B");
    }

    @Test
    void skipsAnEntryWithADuplicateKeyOrBidiCharacters() {
        String duplicate = RegistryJson.active("io.github.evil/dup", "1.0.0")
                .replace("\"version\": \"1.0.0\",", "\"version\": \"1.0.0\", \"version\": \"9.9.9\",");
        String bidi = RegistryJson.active("io.github.evil/bidi", "1.0.0").replace("\"Weather\"", "\"Wea\\u202Ether\"");
        ListingParser.Page page = parse(RegistryJson.page(null, List.of(duplicate, bidi, RegistryJson.active("io.github.user/ok", "2.0.0"))));

        assertThat(page.entries()).extracting(McpServerListing::name).containsExactly("io.github.user/ok");
        assertThat(page.skipped()).hasSize(2);
        assertThat(page.skipped().get(0)).contains("$.servers[0].server.version", "twice");
        assertThat(page.skipped().get(1)).contains("$.servers[1].server.title", "U+202E");
    }

    @Test
    void skipsAnEntryWithoutANameOrWithBothSpellingsOfAField() {
        String noName = RegistryJson.active("io.github.user/x", "1.0.0").replace("\"name\": \"io.github.user/x\",", "");
        String both = RegistryJson.active("io.github.user/y", "1.0.0")
                .replace("\"registryType\": \"npm\",", "\"registryType\": \"npm\", \"registry_type\": \"pypi\",");
        String badName = RegistryJson.active("io.github.user/../../etc", "1.0.0");
        ListingParser.Page page = parse(RegistryJson.page(null, List.of(noName, both, badName)));

        assertThat(page.entries()).isEmpty();
        assertThat(page.skipped()).hasSize(3);
        assertThat(page.skipped().get(0)).contains("name is missing");
        assertThat(page.skipped().get(1)).contains("registryType", "registry_type", "ambiguous");
        assertThat(page.skipped().get(2)).contains("not a registry server name");
    }

    @Test
    void refusesAPageThatIsNotJsonOrHasADuplicateKeyOutsideTheEntries() {
        assertThatThrownBy(() -> parse("{\"servers\": [")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> parse("{\"servers\": [], \"metadata\": {}, \"metadata\": {}}"))
                .hasMessageContaining("$.metadata").hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("{\"servers\": {}}")).hasMessageContaining("$.servers must be an array");
        assertThatThrownBy(() -> parse("{\"servers\": []} {}")).hasMessageContaining("after the JSON document");
    }

    @Test
    void keepsNamesAsGivenAndToleratesUnknownFieldsAndMissingMeta() {
        ListingParser.Page page = parse("""
                {"servers": [{"server": {"name": "io.github.User/Weather_2", "version": "2025.1",
                   "futureField": {"nested": [1, 2.5, null]}}}], "metadata": {"nextCursor": ""}}""");

        McpServerListing listing = page.entries().get(0);
        assertThat(listing.name()).isEqualTo("io.github.User/Weather_2");
        assertThat(listing.description()).isEmpty();
        assertThat(listing.status()).isEqualTo("active");
        assertThat(listing.latest()).isTrue();
        assertThat(listing.updatedAt()).isEmpty();
        assertThat(listing.packages()).isEmpty();
        assertThat(page.nextCursor()).as("an empty cursor ends the paging").isEqualTo(Optional.empty());
    }
}
