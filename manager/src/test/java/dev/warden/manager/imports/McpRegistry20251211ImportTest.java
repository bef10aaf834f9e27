package dev.warden.manager.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.registry.mcp.McpEnvVar;
import dev.warden.registry.mcp.McpHeader;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.registry.mcp.McpRemote;
import dev.warden.registry.mcp.McpServerListing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the import makes of the 2025-12-11 schema's remotes with URL variables and headers, and of MCPB packages. */
class McpRegistry20251211ImportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final McpEnvVar TENANT = new McpEnvVar("tenant", "Your tenant", true, false, "string",
            Optional.of("demo"), List.of("demo", "acme"));
    private static final String SHA = "fe333e598595000ae021bd27117db32ec69af6987f507ba7a63c90638ff633ce";

    @TempDir
    Path temp;

    private static McpServerListing server(List<McpPackage> packages, List<McpRemote> remotes) {
        return new McpServerListing("com.example/tenant", "1.0.0", "Tenant tools", Optional.empty(), Optional.empty(),
                packages, remotes, Optional.empty(), true, "active");
    }

    private static McpServerListing remote(String url, List<McpEnvVar> variables, List<McpHeader> headers) {
        return server(List.of(), List.of(new McpRemote("streamable-http", url, variables, headers)));
    }

    private McpImportedPlugin convert(McpServerListing listing) throws Exception {
        return McpServerImport.convert(listing, "mcp-registry", temp.resolve("out"),
                McpRunnerPath.of(Files.createDirectories(temp.resolve("bin")).toString()));
    }

    private static JsonNode entry(Path dir) throws Exception {
        return JSON.readTree(Files.readString(dir.resolve(".mcp.json"))).get("mcpServers").get("com-example-tenant");
    }

    private static JsonNode userConfig(Path dir) throws Exception {
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(dir.resolve("plugin.json")));
        return JSON.readTree(manifest.claudeField("userConfig").orElseThrow());
    }

    @Test
    void aUrlVariableBecomesAUserConfigOptionFilledIntoTheUrl() throws Exception {
        McpImportedPlugin plugin = convert(remote("https://{tenant}.example.com/mcp", List.of(TENANT), List.of()));

        assertThat(entry(plugin.dir()).get("url").stringValue()).isEqualTo("https://${user_config.tenant}.example.com/mcp");
        assertThat(userConfig(plugin.dir())).isEqualTo(JSON.readTree("""
                {"tenant": {"type": "string", "title": "tenant", "description": "Your tenant", "required": true,
                  "sensitive": false, "default": "demo", "choices": ["demo", "acme"]}}"""));
        assertThat(plugin.derivedPermissions()).as("any tenant under example.com, said as such")
                .containsExactly("mcp.server https://${user_config.tenant}.example.com/mcp",
                        "net.egress https://${user_config.tenant}.example.com");
    }

    @Test
    void aPathVariableKeepsTheHostFixed() throws Exception {
        McpEnvVar org = new McpEnvVar("org", "Organisation", true, false);
        McpImportedPlugin plugin = convert(remote("https://api.example.com:8443/{org}/mcp", List.of(org), List.of()));

        assertThat(entry(plugin.dir()).get("url").stringValue()).isEqualTo("https://api.example.com:8443/${user_config.org}/mcp");
        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server https://api.example.com:8443/${user_config.org}/mcp", "net.egress https://api.example.com:8443");
    }

    @Test
    void theServerPermissionIsTheUrlExactlyAsDotMcpJsonHasIt() throws Exception {
        McpImportedPlugin plugin = convert(remote("https://api.example.com:443/mcp", List.of(), List.of()));

        assertThat(entry(plugin.dir()).get("url").stringValue()).isEqualTo("https://api.example.com:443/mcp");
        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server https://api.example.com:443/mcp", "net.egress https://api.example.com");
    }

    @Test
    void headersAreFilledFromUserConfigAndSecretOnesAreSensitive() throws Exception {
        McpHeader bearer = new McpHeader("Authorization", Optional.of("Bearer {token}"), "", true, true,
                List.of(new McpEnvVar("token", "API token", true, false)));
        McpHeader region = new McpHeader("X-Region", Optional.empty(), "Region", false, false, List.of());
        McpHeader fixed = new McpHeader("X-Client", Optional.of("warden"), "", false, false, List.of());
        McpImportedPlugin plugin = convert(remote("https://mcp.example.com/mcp", List.of(), List.of(bearer, region, fixed)));

        assertThat(entry(plugin.dir()).get("headers")).isEqualTo(JSON.readTree("""
                {"Authorization": "Bearer ${user_config.token}", "X-Region": "${user_config.X_Region}", "X-Client": "warden"}"""));
        JsonNode options = userConfig(plugin.dir());
        assertThat(options.get("token").get("sensitive").booleanValue()).as("a variable of a secret header").isTrue();
        assertThat(options.get("X_Region").get("sensitive").booleanValue()).isFalse();
        assertThat(options.get("X_Region").get("description").stringValue()).isEqualTo("Region");
    }

    @Test
    void aVariableOutsideAHostLabelLeftOfAFixedDomainOrAPathSegmentIsRefusedAndNothingIsWritten() {
        McpEnvVar v = new McpEnvVar("v", "", true, false);
        List<String> refused = List.of("https://user:{v}@mcp.example.com/mcp", "https://{v}@mcp.example.com/mcp",
                "https://mcp.example.com:{v}/mcp", "https://{v}/mcp", "https://mcp.{v}.com/mcp",
                "https://{v}.com/mcp", "https://{undeclared}.example.com/mcp",
                "https://{v}.example.com/mcp?key={v}", "https://10.0.0.7/{v}", "https://169.254.169.254/mcp",
                "https://localhost/mcp", "https://[::1]/mcp");
        for (String url : refused) {
            Path out = temp.resolve("out");
            assertThatThrownBy(() -> convert(remote(url, List.of(v), List.of()))).as(url)
                    .isInstanceOf(McpImportException.class).hasMessageContaining("com.example/tenant")
                    .hasMessageContaining("cannot be declared");
            assertThat(out).as(url).doesNotExist();
        }
        assertThatThrownBy(() -> convert(remote("https://{v}@mcp.example.com/mcp", List.of(v), List.of())))
                .hasMessageContaining("user information");
        assertThatThrownBy(() -> convert(remote("https://mcp.example.com:{v}/mcp", List.of(v), List.of())))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> convert(remote("https://169.254.169.254/mcp", List.of(v), List.of())))
                .hasMessageContaining("cloud metadata");
    }

    @Test
    void anMcpbPackageIsInstalledFromItsFileAndNotMadeIntoAFolder() throws Exception {
        McpPackage mcpb = new McpPackage(McpPackage.MCPB, "https://example.com/weather.mcpb", "1.0.0", Optional.empty(), "stdio",
                List.of(), List.of(), List.of(), Optional.of(SHA));
        McpPackage npm = new McpPackage("npm", "weather", "1.0.0", Optional.empty(), "stdio", List.of(), List.of(), List.of());

        assertThat(McpServerImport.bundled(server(List.of(mcpb, npm), List.of()))).contains(mcpb);
        assertThat(McpServerImport.bundled(server(List.of(npm, mcpb), List.of()))).as("the publisher's order").isEmpty();
        assertThat(McpServerImport.bundled(server(List.of(mcpb), List.of(new McpRemote("sse", "https://e.example.com/sse")))))
                .as("a remote comes first").isEmpty();
        assertThatThrownBy(() -> convert(server(List.of(mcpb), List.of())))
                .isInstanceOf(McpImportException.class).hasMessageContaining("fileSha256");
        assertThat(temp.resolve("out")).doesNotExist();
    }
}
