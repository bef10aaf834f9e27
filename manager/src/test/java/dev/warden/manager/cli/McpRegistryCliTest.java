package dev.warden.manager.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An MCP Registry stub with three pages: listed by search, refreshed incrementally, a server installed as an unverified plugin. */
class McpRegistryCliTest extends HomeFixture {

    WireMockServer registry;

    @BeforeEach
    void setUp() {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        page(null, "c2", server("io.example/weather", "Forecasts over MCP", "1.0.0", "2026-11-01T00:00:00Z", remote()),
                server("io.example/notes", "Notes over MCP", "0.3.0", "2026-11-01T00:00:00Z", npm("@example/notes-mcp", "0.3.0")));
        page("c2", "c3", server("io.example/calendar", "Calendar over MCP", "2.1.0", "2026-11-02T00:00:00Z", remote()));
        page("c3", null, server("io.example/files", "Files over MCP", "1.0.0", "2026-11-03T00:00:00Z", npm("@example/files-mcp", "1.0.0")));
    }

    @AfterEach
    void tearDown() {
        registry.stop();
    }

    void page(String cursor, String next, String... servers) {
        String body = "{\"servers\": [" + String.join(",", servers) + "], \"metadata\": {"
                + (next == null ? "" : "\"nextCursor\": \"" + next + "\", ") + "\"count\": " + servers.length + "}}";
        registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .withQueryParam("updated_since", absent()).willReturn(okJson(body)));
    }

    static String server(String name, String description, String version, String updatedAt, String transport) {
        return "{\"server\": {\"name\": \"" + name + "\", \"description\": \"" + description + "\", \"version\": \"" + version
                + "\", " + transport + "}, \"_meta\": {\"io.modelcontextprotocol.registry/official\": {\"status\": \"active\","
                + " \"publishedAt\": \"" + updatedAt + "\", \"updatedAt\": \"" + updatedAt + "\", \"isLatest\": true}}}";
    }

    static String remote() {
        return "\"remotes\": [{\"type\": \"streamable-http\", \"url\": \"https://mcp.example.com/mcp\"}]";
    }

    static String npm(String identifier, String version) {
        return "\"packages\": [{\"registryType\": \"npm\", \"identifier\": \"" + identifier + "\", \"version\": \"" + version
                + "\", \"transport\": {\"type\": \"stdio\"}}]";
    }

    @Test
    void everyPageIsListedAndARefreshAsksOnlyForWhatChanged() {
        ok("marketplace", "add", "registry", registry.baseUrl(), "--kind", "mcp-registry", "--yes");

        CliRunner.Result all = ok("search", "mcp", "--json");
        assertThat(all.out()).contains("unverified-registry/io-example-weather").contains("unverified-registry/io-example-notes")
                .contains("unverified-registry/io-example-calendar").contains("unverified-registry/io-example-files").contains("UNVERIFIED");

        registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).withQueryParam("updated_since", matching(".+"))
                .willReturn(okJson("{\"servers\": [" + server("io.example/maps", "Maps over MCP", "1.0.0", "2026-11-20T00:00:00Z",
                        remote()) + "], \"metadata\": {\"count\": 1}}")));
        int before = registry.getAllServeEvents().size();
        CliRunner.Result refreshed = ok("marketplace", "update", "registry");

        assertThat(refreshed.out()).contains("1 new");
        List<String> asked = registry.getAllServeEvents().stream().limit(registry.getAllServeEvents().size() - before)
                .map(e -> e.getRequest().getUrl()).collect(Collectors.toList());
        assertThat(asked).hasSize(1).allMatch(url -> url.contains("updated_since="));
        registry.verify(0, getRequestedFor(urlPathEqualTo("/v0.1/servers")).withQueryParam("cursor", equalTo("c2"))
                .withQueryParam("updated_since", matching(".+")));
        assertThat(ok("search", "maps").out()).contains("unverified-registry/io-example-maps");
        assertThat(ok("search", "calendar").out()).contains("unverified-registry/io-example-calendar");
    }

    @Test
    void aRegistryServerInstallsAsAnUnverifiedConnectorPluginWithPermissionsFromItsTransport() {
        ok("marketplace", "add", "registry", registry.baseUrl(), "--kind", "mcp-registry", "--yes");

        CliRunner.Result refused = warden.run("install", "unverified-registry/io-example-weather", "--yes");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.REFUSED);

        CliRunner.Result installed = ok("install", "unverified-registry/io-example-weather", "--yes", "--allow-unverified");

        assertThat(installed.out()).contains("UNVERIFIED").contains("mcp.example.com").contains("Installed unverified-registry/io-example-weather 1.0.0.");
        assertThat(ok("grants", "unverified-registry/io-example-weather").out()).contains("net.egress").contains("mcp.server");
    }
}
