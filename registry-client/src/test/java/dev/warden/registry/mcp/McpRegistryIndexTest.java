package dev.warden.registry.mcp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpRegistryIndexTest {

    private static final Instant FIRST = Instant.parse("2025-10-10T08:00:00Z");
    private static final Instant SECOND = Instant.parse("2025-10-11T08:00:00Z");
    /** The first refresh's time minus the five-minute overlap, as an incremental refresh must send it. */
    private static final String SINCE = "2025-10-10T07:55:00Z";

    private WireMockServer registry;
    private HttpTestFetcher fetcher;
    @TempDir
    Path cache;

    @BeforeEach
    void start() {
        registry = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        fetcher = new HttpTestFetcher("http://127.0.0.1:" + registry.port() + "/");
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static MappingBuilder servers() {
        return get(urlPathEqualTo("/v0.1/servers"));
    }

    /** Stubs a full listing of three pages chained by cursors, five servers in all. */
    private void stubThreePages() {
        registry.stubFor(servers().withQueryParam("version", equalTo("latest")).withQueryParam("cursor", absent())
                .willReturn(okJson(RegistryJson.page("io.github.user/b:1.0.0", List.of(
                        RegistryJson.active("io.github.user/a", "1.0.0"), RegistryJson.active("io.github.user/b", "1.0.0"))))));
        registry.stubFor(servers().withQueryParam("cursor", equalTo("io.github.user/b:1.0.0"))
                .willReturn(okJson(RegistryJson.page("page 3+", List.of(
                        RegistryJson.active("io.github.user/c", "1.0.0"), RegistryJson.active("io.github.user/d", "1.0.0"))))));
        registry.stubFor(servers().withQueryParam("cursor", equalTo("page 3+"))
                .willReturn(okJson(RegistryJson.page(null, List.of(RegistryJson.active("io.github.user/e", "2.1.0"))))));
    }

    private McpRegistryIndex refreshedOnce() throws Exception {
        stubThreePages();
        McpRegistryIndex index = McpRegistryIndex.load(cache);
        index.refresh(fetcher, at(FIRST), 10);
        registry.resetAll();
        return index;
    }

    /** A second refresh, at {@code SECOND}, to which the registry answers with these changes since the first. */
    private RefreshSummary refreshAgain(McpRegistryIndex index, String... changes) throws Exception {
        registry.stubFor(servers().withQueryParam("updated_since", equalTo(SINCE))
                .willReturn(okJson(RegistryJson.page(null, List.of(changes)))));
        return index.refresh(fetcher, at(SECOND), 10);
    }

    @Test
    void isEmptyBeforeTheFirstRefresh() throws IOException {
        McpRegistryIndex index = McpRegistryIndex.load(cache.resolve("not-yet"));

        assertThat(index.servers()).isEmpty();
        assertThat(index.lastRefresh()).isEmpty();
    }

    @Test
    void listsEveryPageByFollowingTheCursors() throws Exception {
        stubThreePages();
        McpRegistryIndex index = McpRegistryIndex.load(cache);

        RefreshSummary summary = index.refresh(fetcher, at(FIRST), 10);

        assertThat(summary).isEqualTo(new RefreshSummary(3, 5, 0, 0, 5, List.of()));
        assertThat(index.servers()).extracting(McpServerListing::name)
                .containsExactly("io.github.user/a", "io.github.user/b", "io.github.user/c", "io.github.user/d", "io.github.user/e");
        assertThat(index.lastRefresh()).contains(FIRST);
        registry.verify(3, getRequestedFor(urlPathEqualTo("/v0.1/servers")).withQueryParam("limit", equalTo("100")));
        registry.verify(getRequestedFor(urlPathEqualTo("/v0.1/servers")).withQueryParam("cursor", equalTo("page 3+")));
        McpRegistryIndex reloaded = McpRegistryIndex.load(cache);
        assertThat(reloaded.servers()).isEqualTo(index.servers());
        assertThat(reloaded.lastRefresh()).contains(FIRST);
    }

    @Test
    void laterRefreshAsksOnlyForChangesSinceTheLastOneAndMergesThem() throws Exception {
        McpRegistryIndex index = refreshedOnce();

        RefreshSummary summary = refreshAgain(index,
                RegistryJson.entry("io.github.user/a", "1.0.0", "active", false, "2025-10-11T07:00:00Z"),
                RegistryJson.entry("io.github.user/a", "1.1.0", "active", true, "2025-10-11T07:00:00Z"),
                RegistryJson.active("io.github.user/new", "0.1.0"));

        registry.verify(1, getRequestedFor(urlPathEqualTo("/v0.1/servers"))
                .withQueryParam("updated_since", equalTo(SINCE)).withQueryParam("version", absent()));
        assertThat(summary).isEqualTo(new RefreshSummary(1, 1, 1, 0, 6, List.of()));
        assertThat(index.servers()).extracting(s -> s.name() + "@" + s.version()).containsExactly(
                "io.github.user/a@1.1.0", "io.github.user/b@1.0.0", "io.github.user/c@1.0.0", "io.github.user/d@1.0.0",
                "io.github.user/e@2.1.0", "io.github.user/new@0.1.0");
        assertThat(McpRegistryIndex.load(cache).servers()).isEqualTo(index.servers());
        assertThat(index.lastRefresh()).contains(SECOND);
    }

    @Test
    void aDeletedStatusRemovesTheServer() throws Exception {
        McpRegistryIndex index = refreshedOnce();

        RefreshSummary summary = refreshAgain(index,
                RegistryJson.entry("io.github.user/c", "1.0.0", "deleted", true, "2025-10-11T07:00:00Z"));

        assertThat(summary.removed()).isEqualTo(1);
        assertThat(summary.total()).isEqualTo(4);
        assertThat(index.servers()).extracting(McpServerListing::name).doesNotContain("io.github.user/c");
        assertThat(McpRegistryIndex.load(cache).servers()).extracting(McpServerListing::name)
                .doesNotContain("io.github.user/c");
    }

    @Test
    void aCursorLoopStopsWithAnErrorAndLeavesTheCacheUnchanged() throws Exception {
        McpRegistryIndex index = refreshedOnce();
        byte[] before = Files.readAllBytes(cache.resolve(IndexFile.NAME));
        List<McpServerListing> listed = index.servers();
        registry.stubFor(servers().withQueryParam("cursor", absent())
                .willReturn(okJson(RegistryJson.page("again", List.of(RegistryJson.active("io.github.user/z", "1.0.0"))))));
        registry.stubFor(servers().withQueryParam("cursor", equalTo("again"))
                .willReturn(okJson(RegistryJson.page("again", List.of(RegistryJson.active("io.github.user/y", "1.0.0"))))));

        assertThatThrownBy(() -> index.refresh(fetcher, at(SECOND), 10))
                .isInstanceOf(McpRegistryException.class)
                .hasMessageContaining("page 2").hasMessageContaining("loops").hasMessageContaining("/v0.1/servers");

        assertThat(Files.readAllBytes(cache.resolve(IndexFile.NAME))).isEqualTo(before);
        assertThat(index.servers()).isEqualTo(listed);
        assertThat(index.lastRefresh()).contains(FIRST);
        assertThat(McpRegistryIndex.load(cache).servers()).isEqualTo(listed);
        registry.verify(2, getRequestedFor(urlPathEqualTo("/v0.1/servers")));
    }

    @Test
    void tooManyPagesStopWithAnErrorAndWriteNothing() throws Exception {
        stubThreePages();
        McpRegistryIndex index = McpRegistryIndex.load(cache);

        assertThatThrownBy(() -> index.refresh(fetcher, at(FIRST), 2))
                .isInstanceOf(McpRegistryException.class).hasMessageContaining("more than 2 pages");

        assertThat(cache).isEmptyDirectory();
        assertThat(index.servers()).isEmpty();
        assertThat(index.lastRefresh()).isEmpty();
    }

    @Test
    void aServerErrorMidPagingLeavesTheCacheUnchanged() throws Exception {
        McpRegistryIndex index = refreshedOnce();
        byte[] before = Files.readAllBytes(cache.resolve(IndexFile.NAME));
        registry.stubFor(servers().withQueryParam("cursor", absent())
                .willReturn(okJson(RegistryJson.page("p2", List.of(RegistryJson.active("io.github.user/z", "1.0.0"))))));
        registry.stubFor(servers().withQueryParam("cursor", equalTo("p2")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> index.refresh(fetcher, at(SECOND), 10))
                .isInstanceOf(McpRegistryException.class)
                .hasMessageContaining("page 2").hasMessageContaining("could not be fetched")
                .hasMessageContaining("nothing was updated");

        assertThat(Files.readAllBytes(cache.resolve(IndexFile.NAME))).isEqualTo(before);
        assertThat(McpRegistryIndex.load(cache).servers()).hasSize(5);
        assertThat(index.servers()).extracting(McpServerListing::name).doesNotContain("io.github.user/z");
        try (var files = Files.list(cache)) {
            assertThat(files).as("no temporary file is left behind").hasSize(1);
        }
    }

    @Test
    void aGarbledPageFailsTheRefreshAndNamesThePage() throws Exception {
        McpRegistryIndex index = McpRegistryIndex.load(cache);
        registry.stubFor(servers().willReturn(okJson("{\"servers\": [{\"server\": ")));

        assertThatThrownBy(() -> index.refresh(fetcher, at(FIRST), 10))
                .isInstanceOf(McpRegistryException.class)
                .hasMessageContaining("page 1").hasMessageContaining("malformed JSON");
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void aBadEntryIsSkippedAndCountedWhileTheGoodOnesAreListed() throws Exception {
        String escape = RegistryJson.active("io.github.evil/ansi", "1.0.0").replace("Weather", "\\u001b]8;;https://evil\\u0007x");
        registry.stubFor(servers().willReturn(okJson(RegistryJson.page(null, List.of(
                RegistryJson.active("io.github.user/good", "1.0.0"), escape)))));
        McpRegistryIndex index = McpRegistryIndex.load(cache);

        RefreshSummary summary = index.refresh(fetcher, at(FIRST), 10);

        assertThat(summary.skippedCount()).isEqualTo(1);
        assertThat(summary.skipped().get(0)).contains("page 1", "io.github.evil/ansi", "U+001B");
        assertThat(summary.total()).isEqualTo(1);
        assertThat(index.servers()).extracting(McpServerListing::name).containsExactly("io.github.user/good");
    }

    @Test
    void anOlderRegistryIsReadOnTheV0PathInSnakeCase() throws Exception {
        registry.stubFor(get(urlPathEqualTo("/v0/servers")).withQueryParam("cursor", absent())
                .willReturn(okJson(RegistryJson.snakePage("n1", List.of(
                        RegistryJson.snakeEntry("io.github.user/old", "1.0.0", "active", true, "2025-10-01T00:00:00Z"))))));
        registry.stubFor(get(urlPathEqualTo("/v0/servers")).withQueryParam("cursor", equalTo("n1"))
                .willReturn(okJson(RegistryJson.snakePage(null, List.of(
                        RegistryJson.snakeEntry("io.github.user/older", "0.9.0", "active", true, "2025-09-01T00:00:00Z"))))));
        McpRegistryIndex index = McpRegistryIndex.load(cache);

        RefreshSummary summary = index.refresh(fetcher, at(FIRST), 10);

        assertThat(summary.total()).isEqualTo(2);
        assertThat(index.servers().get(0).packages().get(0).packageArguments()).containsExactly("serve", "--port", "8080");
        registry.resetRequests();
        registry.stubFor(get(urlPathEqualTo("/v0/servers")).withQueryParam("updated_since", equalTo(SINCE))
                .willReturn(okJson(RegistryJson.snakePage(null, List.of()))));
        McpRegistryIndex.load(cache).refresh(fetcher, at(SECOND), 10);
        registry.verify(0, getRequestedFor(urlPathEqualTo("/v0.1/servers")));
        registry.verify(1, getRequestedFor(urlPathEqualTo("/v0/servers")));
    }

    @Test
    void aFullListingDropsServersItNoLongerHasWhenTheClockWentBack() throws Exception {
        McpRegistryIndex index = refreshedOnce();
        registry.stubFor(servers().withQueryParam("version", equalTo("latest"))
                .willReturn(okJson(RegistryJson.page(null, List.of(RegistryJson.active("io.github.user/a", "1.0.0"))))));

        RefreshSummary summary = index.refresh(fetcher, at(FIRST.minusSeconds(3600)), 10);

        assertThat(summary.removed()).isEqualTo(4);
        assertThat(index.servers()).extracting(McpServerListing::name).containsExactly("io.github.user/a");
    }

    @Test
    void aDamagedCacheFileIsReportedWithItsName() throws Exception {
        Files.writeString(cache.resolve(IndexFile.NAME), "{\"format\": \"something else\"}");

        assertThatThrownBy(() -> McpRegistryIndex.load(cache)).isInstanceOf(IOException.class)
                .hasMessageContaining(IndexFile.NAME).hasMessageContaining("delete it");
    }

    private MappingBuilder latestOf(String encodedName) {
        return get(urlPathEqualTo("/v0.1/servers/" + encodedName + "/versions/latest"));
    }

    @Test
    void theCurrentEntryIsTheRegistrysLatestOrTheCachedOneWhereTheRegistryHasNoSuchEndpoint() throws Exception {
        McpRegistryIndex index = refreshedOnce();
        registry.stubFor(latestOf("io.github.user%2Fa").willReturn(okJson(RegistryJson.active("io.github.user/a", "1.1.0"))));
        registry.stubFor(latestOf("io.github.user%2Fb").willReturn(okJson(
                RegistryJson.entry("io.github.user/b", "1.0.0", "deleted", true, "2025-10-12T00:00:00Z"))));
        registry.stubFor(latestOf("io.github.user%2Fc").willReturn(okJson(RegistryJson.active("io.github.evil/other", "1.0.0"))));

        assertThat(index.current(fetcher, "io.github.user/a").orElseThrow().version()).isEqualTo("1.1.0");
        assertThat(index.current(fetcher, "io.github.user/b")).as("taken down since the refresh").isEmpty();
        assertThat(index.current(fetcher, "io.github.user/e").orElseThrow().version()).as("404: the cached entry")
                .isEqualTo("2.1.0");
        assertThatThrownBy(() -> index.current(fetcher, "io.github.user/c")).isInstanceOf(McpRegistryException.class)
                .hasMessageContaining("io.github.evil/other").hasMessageContaining("nothing was installed");
    }
}
