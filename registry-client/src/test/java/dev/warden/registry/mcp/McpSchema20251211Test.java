package dev.warden.registry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries written to the registry's 2025-12-11 server.json schema: mcpb packages, URL variables, headers, typed inputs. */
class McpSchema20251211Test {

    static final String SHA = "fe333e598595000ae021bd27117db32ec69af6987f507ba7a63c90638ff633ce";

    @TempDir
    Path temp;

    static String entry(String name, String server) {
        return "{\"server\": {\"$schema\": \"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json\","
                + " \"name\": \"" + name + "\", \"version\": \"1.0.0\", \"description\": \"d\", " + server + "},"
                + " \"_meta\": {\"io.modelcontextprotocol.registry/official\": {\"status\": \"active\","
                + " \"updatedAt\": \"2026-11-01T00:00:00Z\", \"isLatest\": true}}}";
    }

    static String mcpb(String sha) {
        return "\"packages\": [{\"registryType\": \"mcpb\", \"identifier\":"
                + " \"https://github.com/acme/weather/releases/download/v1.0.0/weather.mcpb\", \"version\": \"1.0.0\","
                + " \"fileSha256\": \"" + sha + "\", \"transport\": {\"type\": \"stdio\"},"
                + " \"environmentVariables\": [{\"name\": \"UNITS\", \"description\": \"Units\", \"format\": \"string\","
                + " \"isRequired\": true, \"default\": \"metric\", \"choices\": [\"metric\", \"imperial\"]},"
                + " {\"name\": \"API_KEY\", \"isSecret\": true, \"isRequired\": true}]}]";
    }

    static String tenantRemote() {
        return "\"remotes\": [{\"type\": \"streamable-http\", \"url\": \"https://{tenant}.example.com/mcp\","
                + " \"variables\": {\"tenant\": {\"description\": \"Your tenant\", \"isRequired\": true, \"default\": \"demo\","
                + " \"choices\": [\"demo\", \"acme\"]}},"
                + " \"headers\": [{\"name\": \"Authorization\", \"value\": \"Bearer {token}\", \"isRequired\": true, \"isSecret\": true,"
                + " \"variables\": {\"token\": {\"description\": \"API token\", \"isSecret\": true}}},"
                + " {\"name\": \"X-Region\", \"description\": \"Region\"}]}]";
    }

    private static ListingParser.Page parse(String... entries) {
        String page = "{\"servers\": [" + String.join(",", entries) + "], \"metadata\": {\"count\": " + entries.length + "}}";
        return ListingParser.page(page.getBytes(StandardCharsets.UTF_8), "page 1");
    }

    @Test
    void readsAnMcpbPackageWithItsFileHashAndTypedVariables() {
        ListingParser.Page page = parse(entry("io.github.acme/weather", mcpb(SHA)));

        assertThat(page.skipped()).isEmpty();
        McpPackage pkg = page.entries().get(0).packages().get(0);
        assertThat(pkg.registryType()).isEqualTo(McpPackage.MCPB);
        assertThat(pkg.identifier()).isEqualTo("https://github.com/acme/weather/releases/download/v1.0.0/weather.mcpb");
        assertThat(pkg.fileSha256()).contains(SHA);
        assertThat(pkg.environmentVariables()).containsExactly(
                new McpEnvVar("UNITS", "Units", true, false, "string", Optional.of("metric"), List.of("metric", "imperial")),
                new McpEnvVar("API_KEY", "", true, true));
    }

    @Test
    void readsARemoteWithUrlVariablesAndHeaders() {
        McpRemote remote = parse(entry("com.example/tenant", tenantRemote())).entries().get(0).remotes().get(0);

        assertThat(remote.url()).isEqualTo("https://{tenant}.example.com/mcp");
        assertThat(remote.variables()).containsExactly(
                new McpEnvVar("tenant", "Your tenant", true, false, "string", Optional.of("demo"), List.of("demo", "acme")));
        assertThat(remote.headers()).containsExactly(
                new McpHeader("Authorization", Optional.of("Bearer {token}"), "", true, true,
                        List.of(new McpEnvVar("token", "API token", false, true))),
                new McpHeader("X-Region", Optional.empty(), "Region", false, false, List.of()));
    }

    @Test
    void keepsEveryNewFieldThroughTheCacheFile() throws IOException {
        McpServerListing mcpb = parse(entry("io.github.acme/weather", mcpb(SHA))).entries().get(0);
        McpServerListing remote = parse(entry("com.example/tenant", tenantRemote())).entries().get(0);

        IndexFile.write(temp, new IndexFile.Content(Optional.of(Instant.parse("2026-11-02T00:00:00Z")), "v0.1",
                List.of(mcpb, remote)));

        assertThat(IndexFile.read(temp).orElseThrow().servers()).containsExactly(mcpb, remote);
    }

    @Test
    void skipsAnEntryWhoseFileHashIsNot64HexDigitsNamingTheEntry() {
        ListingParser.Page page = parse(entry("io.github.evil/short", mcpb("abc123")),
                entry("io.github.evil/upper", mcpb(SHA.toUpperCase())),
                entry("io.github.evil/number", mcpb(SHA).replace("\"" + SHA + "\"", "12")),
                entry("io.github.acme/weather", mcpb(SHA)));

        assertThat(page.entries()).extracting(McpServerListing::name).containsExactly("io.github.acme/weather");
        assertThat(page.skipped()).hasSize(3);
        assertThat(page.skipped().get(0)).contains("io.github.evil/short", "fileSha256", "\"abc123\"", "64 lowercase hex");
        assertThat(page.skipped().get(1)).contains("io.github.evil/upper", "64 lowercase hex");
        assertThat(page.skipped().get(2)).contains("io.github.evil/number", "fileSha256 must be a string, not a number");
    }

    @Test
    void skipsEntriesWithHostileInputs() {
        String traversal = tenantRemote().replace("\"tenant\": {", "\"../../etc\": {");
        String hugeDefault = tenantRemote().replace("\"default\": \"demo\"", "\"default\": \"" + "x".repeat(5000) + "\"");
        String manyChoices = tenantRemote().replace("[\"demo\", \"acme\"]",
                "[" + String.join(",", java.util.Collections.nCopies(101, "\"c\"")) + "]");
        String badFormat = tenantRemote().replace("\"isRequired\": true, \"default\"", "\"format\": \"shell\", \"isRequired\": true, \"default\"");
        String badHeader = tenantRemote().replace("\"X-Region\"", "\"X Region:evil\"");
        String wrongType = tenantRemote().replace("\"variables\": {\"tenant\"", "\"variables\": [{\"tenant\"")
                .replace("\"acme\"]}},", "\"acme\"]}}],");
        ListingParser.Page page = parse(entry("io.github.evil/traversal", traversal), entry("io.github.evil/huge", hugeDefault),
                entry("io.github.evil/choices", manyChoices), entry("io.github.evil/format", badFormat),
                entry("io.github.evil/header", badHeader), entry("io.github.evil/type", wrongType),
                entry("com.example/tenant", tenantRemote()));

        assertThat(page.entries()).extracting(McpServerListing::name).containsExactly("com.example/tenant");
        assertThat(page.skipped()).hasSize(6);
        assertThat(page.skipped().get(0)).contains("io.github.evil/traversal", "\"../../etc\"", "not a variable name");
        assertThat(page.skipped().get(1)).contains("io.github.evil/huge", "default is 5000 characters long");
        assertThat(page.skipped().get(2)).contains("io.github.evil/choices", "choices has 101 items");
        assertThat(page.skipped().get(3)).contains("io.github.evil/format", "\"shell\" is not one of");
        assertThat(page.skipped().get(4)).contains("io.github.evil/header", "\"X Region:evil\"", "must be letters, digits and '-'");
        assertThat(page.skipped().get(5)).contains("io.github.evil/type", "variables must be an object, not an array");
    }
}
