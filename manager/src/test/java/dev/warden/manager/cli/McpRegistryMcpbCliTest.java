package dev.warden.manager.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.io.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An MCP Registry on 127.0.0.1 serving 2025-12-11 entries: an MCPB package is downloaded and checked against
 * its fileSha256 before anything is unpacked, then installed as an unverified plugin like an .mcpb file; a
 * remote's URL variable becomes a userConfig option filled into the URL.
 */
class McpRegistryMcpbCliTest extends HomeFixture {

    private static final String ID = "unverified-registry/io-github-acme-weather";

    WireMockServer registry;
    byte[] mcpb;

    @BeforeEach
    void setUp() throws IOException {
        registry = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        registry.start();
        mcpb = weatherBundle();
        registry.stubFor(get(urlPathEqualTo("/files/weather.mcpb")).willReturn(aResponse().withStatus(200).withBody(mcpb)));
    }

    @AfterEach
    void tearDown() {
        registry.stop();
    }

    /** A zip of manifest.json and the server it starts, as {@code mcpb pack} makes (stored entries, no data descriptors). */
    private static byte[] weatherBundle() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.json", """
                {"manifest_version": "0.3", "name": "weather", "version": "1.2.0", "description": "Forecasts for a city",
                 "author": {"name": "Acme Extensions"},
                 "server": {"type": "binary", "entry_point": "server/run.sh",
                   "mcp_config": {"command": "${__dirname}/server/run.sh", "args": [],
                     "env": {"WEATHER_API_KEY": "${user_config.api_key}"}}},
                 "user_config": {"api_key": {"type": "string", "title": "Weather API key", "sensitive": true, "required": true}}}
                """);
        files.put("server/run.sh", "#!/bin/sh\nexec cat\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String entry(String identifier, String sha256, String status) {
        return "{\"server\": {\"$schema\": \"https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json\","
                + " \"name\": \"io.github.acme/weather\", \"description\": \"Forecasts\", \"version\": \"1.2.0\","
                + " \"packages\": [{\"registryType\": \"mcpb\", \"identifier\": \"" + identifier + "\", \"version\": \"1.2.0\","
                + " \"fileSha256\": \"" + sha256 + "\", \"transport\": {\"type\": \"stdio\"}}]},"
                + " \"_meta\": {\"io.modelcontextprotocol.registry/official\": {\"status\": \"" + status + "\","
                + " \"updatedAt\": \"2026-11-01T00:00:00Z\", \"isLatest\": true}}}";
    }

    private void lists(String identifier, String sha256) {
        String entry = entry(identifier, sha256, "active");
        registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).willReturn(okJson("{\"servers\": [" + entry + "],"
                + " \"metadata\": {\"count\": 1}}")));
        ok("marketplace", "add", "registry", registry.baseUrl(), "--kind", "mcp-registry", "--yes");
    }

    private String fileUrl() {
        return registry.baseUrl() + "/files/weather.mcpb";
    }

    @Test
    void anMcpbPackageWhoseFileMatchesItsHashInstallsAsAnUnverifiedPlugin() {
        lists(fileUrl(), Digests.sha256Hex(mcpb));

        assertThat(warden.run("install", ID, "--yes").exitCode()).as("unverified without --allow-unverified")
                .isEqualTo(ExitCode.REFUSED);
        storeTheApiKey();
        CliRunner.Result installed = ok("install", ID, "--yes", "--allow-unverified");

        assertThat(installed.out()).contains("namespace verified by the registry, not signed by its publisher")
                .contains("Installed " + ID + " 1.2.0.");
        assertThat(ok("grants", ID).out()).contains("mcp.server").contains("${CLAUDE_PLUGIN_ROOT}/server/run.sh");
    }

    @Test
    void anMcpbPackageWhoseFileDoesNotMatchItsHashIsRefusedBeforeItIsUnpacked() throws Exception {
        String listed = Digests.sha256Hex("another file");
        lists(fileUrl(), listed);

        CliRunner.Result refused = failsLeavingTheHome(ExitCode.INTEGRITY, "install", ID, "--yes", "--allow-unverified");

        assertThat(refused.err()).contains("io.github.acme/weather").contains(listed).contains(Digests.sha256Hex(mcpb))
                .contains("not unpacked").doesNotContain("Exception");
        registry.verify(1, getRequestedFor(urlPathEqualTo("/files/weather.mcpb")));
        assertThat(home.resolve("cache/.downloads")).doesNotExist();
    }

    /** The registry's answer to {@code GET /v0.1/servers/{name}/versions/latest} at install time. */
    private void latestIs(String entry) {
        registry.stubFor(get(urlPathEqualTo("/v0.1/servers/io.github.acme%2Fweather/versions/latest")).willReturn(okJson(entry)));
    }

    @Test
    void theInstallActsOnTheRegistrysLatestEntryNotTheCachedOne() throws Exception {
        lists(fileUrl(), Digests.sha256Hex("the file as it was at the last refresh"));
        latestIs(entry(fileUrl(), Digests.sha256Hex(mcpb), "active"));

        storeTheApiKey();
        assertThat(ok("install", ID, "--yes", "--allow-unverified").out()).contains("Installed " + ID + " 1.2.0.");
    }

    @Test
    void aServerTheRegistryHasTakenDownSinceTheLastRefreshIsNotInstalled() throws Exception {
        lists(fileUrl(), Digests.sha256Hex(mcpb));
        latestIs(entry(fileUrl(), Digests.sha256Hex(mcpb), "deleted"));

        CliRunner.Result takenDown = failsLeavingTheHome(ExitCode.ERROR, "install", ID, "--yes", "--allow-unverified");
        assertThat(takenDown.err()).contains("no longer lists io.github.acme/weather");
    }

    @Test
    void refusesToDownloadFromAPrivateAddressOrOverPlainHttpNamingTheEntry() throws Exception {
        lists("https://10.1.2.3/files/weather.mcpb", Digests.sha256Hex(mcpb));
        CliRunner.Result privateAddress = failsLeavingTheHome(ExitCode.ERROR, "install", ID, "--yes", "--allow-unverified");
        assertThat(privateAddress.err()).contains("io.github.acme/weather").contains("private address").contains("10.1.2.3");

        ok("marketplace", "remove", "registry");
        lists("http://downloads.example.com/weather.mcpb", Digests.sha256Hex(mcpb));
        CliRunner.Result plainHttp = failsLeavingTheHome(ExitCode.ERROR, "install", ID, "--yes", "--allow-unverified");
        assertThat(plainHttp.err()).contains("io.github.acme/weather").contains("not https");
    }

    @Test
    void searchAndInfoSayTheNamespaceIsVerifiedByTheRegistryNotSignedByItsPublisher() throws IOException {
        lists(fileUrl(), Digests.sha256Hex(mcpb));

        assertThat(ok("search", "weather").out()).contains("namespace verified by the registry, not signed by its publisher");
        assertThat(ok("info", ID).out()).contains("namespace verified by the registry, not signed by its publisher");
        assertThat(Files.exists(home.resolve("cache/.downloads"))).isFalse();
    }

    @Test
    void aRemoteWithAUrlVariableInstallsWithTheVariableAsAUserConfigOption() {
        String entry = "{\"server\": {\"name\": \"com.example/tenant\", \"description\": \"Tenant tools\", \"version\": \"2.0.0\","
                + " \"remotes\": [{\"type\": \"streamable-http\", \"url\": \"https://{tenant}.example.com/mcp\","
                + " \"variables\": {\"tenant\": {\"description\": \"Your tenant\", \"isRequired\": true}}}]},"
                + " \"_meta\": {\"io.modelcontextprotocol.registry/official\": {\"status\": \"active\", \"isLatest\": true}}}";
        registry.stubFor(get(urlPathEqualTo("/v0.1/servers")).willReturn(okJson("{\"servers\": [" + entry + "]}")));
        ok("marketplace", "add", "registry", registry.baseUrl(), "--kind", "mcp-registry", "--yes");

        CliRunner.Result hostile = warden.run("install", "unverified-registry/com-example-tenant", "--yes", "--allow-unverified",
                "--config", "tenant=169.254.169.254/#");
        assertThat(hostile.exitCode()).as(hostile.all()).isEqualTo(ExitCode.USAGE);
        assertThat(hostile.err()).contains("user_config.tenant").contains("shape of the URL");
        CliRunner.Result installed = ok("install", "unverified-registry/com-example-tenant", "--yes", "--allow-unverified",
                "--config", "tenant=acme");

        // the review shows, and the person grants, the URL filled in with the tenant given
        assertThat(installed.out()).contains("https://acme.example.com/mcp")
                .contains("mcp.server https://acme.example.com/mcp").contains("net.egress https://acme.example.com")
                .doesNotContain("*.example.com").contains("Installed unverified-registry/com-example-tenant 2.0.0.");
    }

    /** The bundle's required sensitive option, stored first: with --yes nothing is asked. */
    private void storeTheApiKey() {
        assertThat(warden.piping("k-123").run("secret", "set", "unverified-registry_io-github-acme-weather__api_key")
                .exitCode()).isZero();
    }
}
