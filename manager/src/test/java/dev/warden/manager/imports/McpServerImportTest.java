package dev.warden.manager.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.LintReport;
import dev.warden.catalog.manifest.ManifestLinter;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.registry.mcp.McpEnvVar;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.registry.mcp.McpRemote;
import dev.warden.registry.mcp.McpServerListing;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class McpServerImportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final McpEnvVar API_KEY = new McpEnvVar("WEATHER_API_KEY", "Your API key", true, true);
    private static final McpEnvVar UNITS = new McpEnvVar("WEATHER_UNITS", "metric or imperial", false, false);

    @TempDir
    Path temp;

    private static McpServerListing server(String name, String version, List<McpPackage> packages, List<McpRemote> remotes) {
        return new McpServerListing(name, version, "Forecasts\nfor  anywhere", Optional.of("Weather"),
                Optional.of("https://github.com/user/weather"), packages, remotes,
                Optional.of(Instant.parse("2025-10-01T00:00:00Z")), true, "active");
    }

    private static McpPackage pkg(String type, String identifier, String version, List<String> runtimeArgs,
                                  List<String> packageArgs, List<McpEnvVar> env) {
        return new McpPackage(type, identifier, version, Optional.empty(), "stdio", runtimeArgs, packageArgs, env);
    }

    private McpRunnerPath pathWith(String... programs) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String program : programs) {
            Path file = Files.writeString(bin.resolve(program), "#!/bin/sh\n");
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
        return McpRunnerPath.of(bin.toString());
    }

    private McpRunnerPath emptyPath() throws IOException {
        return McpRunnerPath.of(Files.createDirectories(temp.resolve("empty-bin")).toString());
    }

    /** The folder must parse with the standard parser and lint without errors, as `warden pack` needs. */
    private static PluginManifest parsesAndLints(Path dir) throws Exception {
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(dir.resolve("plugin.json")));
        LintReport report = new ManifestLinter().lint(dir, false);
        assertThat(report.hasErrors()).as("lint findings: %s", report.findings()).isFalse();
        assertThat(new ManifestLinter().lint(dir, true).hasErrors()).as("strict lint").isFalse();
        Path bundle = dir.resolveSibling(dir.getFileName() + ".wpk");
        assertThat(BundleWriter.pack(dir, bundle, BundleLimits.defaults())).isNotNull();
        return manifest;
    }

    private static JsonNode mcpEntry(Path dir, String name) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(dir.resolve(".mcp.json")));
        assertThat(root.get("mcpServers").size()).isEqualTo(1);
        return root.get("mcpServers").get(name);
    }

    @Test
    void aRemoteServerBecomesAnHttpConnectorWithItsUrlAndHost() throws Exception {
        McpServerListing listing = server("io.github.user/weather", "1.2.0",
                List.of(pkg("npm", "@user/weather-mcp", "1.2.0", List.of(), List.of(), List.of(API_KEY))),
                List.of(new McpRemote("sse", "https://mcp.example.com/sse"),
                        new McpRemote("streamable-http", "https://mcp.example.com:8443/weather/mcp")));
        Path out = temp.resolve("remote");

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", out, emptyPath());

        assertThat(plugin.id()).isEqualTo("mcp-registry/io-github-user-weather");
        assertThat(plugin.version()).isEqualTo("1.2.0");
        assertThat(plugin.dir()).isEqualTo(out);
        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server https://mcp.example.com:8443/weather/mcp", "net.egress https://mcp.example.com:8443");
        PluginManifest manifest = parsesAndLints(out);
        assertThat(manifest.id().toString()).isEqualTo(plugin.id());
        assertThat(manifest.description()).contains("Forecasts for anywhere");
        assertThat(manifest.repository()).contains("https://github.com/user/weather");
        assertThat(manifest.permissions()).extracting(Permission::kind)
                .containsExactly(PermissionKind.MCP_SERVER, PermissionKind.NET_EGRESS);
        assertThat(manifest.claudeField("userConfig")).as("a remote takes no environment").isEmpty();
        JsonNode entry = mcpEntry(out, "io-github-user-weather");
        assertThat(entry.get("type").stringValue()).isEqualTo("http");
        assertThat(entry.get("url").stringValue()).isEqualTo("https://mcp.example.com:8443/weather/mcp");
    }

    @Test
    void anSseRemoteIsUsedWhenItIsTheOnlyOne() throws Exception {
        McpServerListing listing = server("com.example/events", "2.0.0", List.of(),
                List.of(new McpRemote("sse", "https://events.example.com/sse")));

        McpImportedPlugin plugin = McpServerImport.convert(listing, "acme", temp.resolve("sse"), emptyPath());

        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server https://events.example.com/sse", "net.egress https://events.example.com");
        parsesAndLints(plugin.dir());
        assertThat(mcpEntry(plugin.dir(), "com-example-events").get("type").stringValue()).isEqualTo("sse");
    }

    @Test
    void anNpmPackageRunsPinnedThroughNpxFoundOnThePath() throws Exception {
        McpServerListing listing = server("io.github.user/weather", "v1.2", List.of(
                pkg("npm", "@user/weather-mcp", "1.2.0", List.of("-y", "--quiet"), List.of("serve", "--port", "8080"),
                        List.of(API_KEY, UNITS))), List.of());
        McpRunnerPath path = pathWith("npx");
        Path out = temp.resolve("npm");

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", out, path);

        String npx = temp.resolve("bin").resolve("npx").toString();
        assertThat(plugin.version()).as("v1.2 made SemVer").isEqualTo("1.2.0");
        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server stdio:npx -y --quiet @user/weather-mcp@1.2.0 serve --port 8080", "process.exec " + npx);
        PluginManifest manifest = parsesAndLints(out);
        assertThat(manifest.permissions()).extracting(Permission::scope).contains(npx);
        JsonNode entry = mcpEntry(out, "io-github-user-weather");
        assertThat(entry.get("command").stringValue()).isEqualTo("npx");
        assertThat(JSON.treeToValue(entry.get("args"), String[].class))
                .containsExactly("-y", "--quiet", "@user/weather-mcp@1.2.0", "serve", "--port", "8080");
        assertThat(entry.get("env").get("WEATHER_API_KEY").stringValue()).isEqualTo("${user_config.WEATHER_API_KEY}");
        JsonNode userConfig = JSON.readTree(manifest.claudeField("userConfig").orElseThrow());
        assertThat(userConfig.get("WEATHER_API_KEY").get("sensitive").booleanValue()).isTrue();
        assertThat(userConfig.get("WEATHER_API_KEY").get("required").booleanValue()).isTrue();
        assertThat(userConfig.get("WEATHER_API_KEY").get("description").stringValue()).isEqualTo("Your API key");
        assertThat(userConfig.get("WEATHER_UNITS").get("sensitive").booleanValue()).isFalse();
    }

    @Test
    void aPypiPackageRunsThroughUvxAndWithoutItOnThePathAsksOnlyForTheServer() throws Exception {
        McpServerListing listing = server("io.github.user/notes", "0.3.1", List.of(
                pkg("mcpb", "https://example.com/notes.mcpb", "0.3.1", List.of(), List.of(), List.of()),
                pkg("pypi", "notes-mcp", "0.3.1", List.of(), List.of("--read-only"), List.of(UNITS))), List.of());

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", temp.resolve("pypi"), emptyPath());

        assertThat(plugin.derivedPermissions()).containsExactly("mcp.server stdio:uvx notes-mcp==0.3.1 --read-only");
        parsesAndLints(plugin.dir());
        JsonNode entry = mcpEntry(plugin.dir(), "io-github-user-notes");
        assertThat(entry.get("command").stringValue()).isEqualTo("uvx");
        assertThat(JSON.treeToValue(entry.get("args"), String[].class)).containsExactly("notes-mcp==0.3.1", "--read-only");
    }

    @Test
    void anOciImageRunsThroughDockerWithItsVariablesPassedIn() throws Exception {
        McpServerListing listing = server("io.github.github/github-mcp-server", "0.18.0", List.of(
                pkg("oci", "ghcr.io/github/github-mcp-server", "0.18.0",
                        List.of("run", "-i", "--rm", "ghcr.io/github/github-mcp-server"), List.of("stdio"),
                        List.of(new McpEnvVar("GITHUB_PERSONAL_ACCESS_TOKEN", "", true, true)))), List.of());
        McpRunnerPath path = pathWith("docker");

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", temp.resolve("oci"), path);

        assertThat(plugin.derivedPermissions()).containsExactly(
                "mcp.server stdio:docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server:0.18.0 stdio",
                "process.exec " + temp.resolve("bin").resolve("docker"));
        PluginManifest manifest = parsesAndLints(plugin.dir());
        JsonNode userConfig = JSON.readTree(manifest.claudeField("userConfig").orElseThrow());
        assertThat(userConfig.get("GITHUB_PERSONAL_ACCESS_TOKEN").get("description").stringValue())
                .isEqualTo("Value GITHUB_PERSONAL_ACCESS_TOKEN the MCP server needs");
    }

    @Test
    void aNugetPackageRunsThroughDnx() throws Exception {
        McpServerListing listing = server("io.github.user/dotnet-tools", "1.0.0", List.of(
                pkg("nuget", "User.Tools.Mcp", "1.0.0", List.of(), List.of(), List.of())), List.of());

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", temp.resolve("nuget"), emptyPath());

        assertThat(plugin.derivedPermissions()).containsExactly("mcp.server stdio:dnx User.Tools.Mcp@1.0.0 --yes");
        parsesAndLints(plugin.dir());
    }

    @Test
    void aRemoteThatCannotBeDeclaredFallsBackToAPackage() throws Exception {
        McpServerListing listing = server("io.github.user/weather", "1.0.0",
                List.of(pkg("npm", "weather-mcp", "1.0.0", List.of(), List.of(), List.of())),
                List.of(new McpRemote("streamable-http", "https://mcp.example.com/mcp?key=abc"),
                        new McpRemote("streamable-http", "http://mcp.example.com/mcp")));

        McpImportedPlugin plugin = McpServerImport.convert(listing, "mcp-registry", temp.resolve("fallback"), emptyPath());

        assertThat(plugin.derivedPermissions()).containsExactly("mcp.server stdio:npx -y weather-mcp@1.0.0");
    }

    @Test
    void refusesAServerWithNothingItCanDeclareAndWritesNothing() throws IOException {
        McpServerListing listing = server("io.github.user/odd", "1.0.0", List.of(
                pkg("mcpb", "https://example.com/odd.mcpb", "1.0.0", List.of(), List.of(), List.of()),
                pkg("npm", "unpinned", "latest", List.of(), List.of(), List.of()),
                pkg("npm", "spaced", "1.0.0", List.of(), List.of("two words"), List.of())), List.of());
        Path out = temp.resolve("odd");

        assertThatThrownBy(() -> McpServerImport.convert(listing, "mcp-registry", out, emptyPath()))
                .isInstanceOf(McpImportException.class)
                .hasMessageContaining("io.github.user/odd")
                .hasMessageContaining("mcpb")
                .hasMessageContaining("no fixed version")
                .hasMessageContaining("\"two words\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void versionsAreMadeSemVerOrRefusedWithAMessage() throws Exception {
        assertThat(McpServerImport.version("s", "1.2.3").toString()).isEqualTo("1.2.3");
        assertThat(McpServerImport.version("s", "v2").toString()).isEqualTo("2.0.0");
        assertThat(McpServerImport.version("s", "2025.01.07").toString()).isEqualTo("2025.1.7");
        assertThat(McpServerImport.version("s", "1.0-beta.1+build.5").toString()).isEqualTo("1.0.0-beta.1+build.5");
        assertThatThrownBy(() -> McpServerImport.version("io.x/y", "1.2.3.4"))
                .isInstanceOf(McpImportException.class).hasMessageContaining("io.x/y").hasMessageContaining("1.2.3.4");
        assertThatThrownBy(() -> McpServerImport.version("io.x/y", "latest")).isInstanceOf(McpImportException.class);
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndABadPublisher() throws Exception {
        McpServerListing listing = server("com.example/events", "2.0.0", List.of(),
                List.of(new McpRemote("sse", "https://events.example.com/sse")));
        Path out = Files.createDirectories(temp.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> McpServerImport.convert(listing, "acme", out, emptyPath()))
                .isInstanceOf(McpImportException.class).hasMessageContaining("not empty");
        assertThat(out.resolve("plugin.json")).doesNotExist();
        assertThatThrownBy(() -> McpServerImport.convert(listing, "Not Kebab", temp.resolve("x"), emptyPath()))
                .isInstanceOf(McpImportException.class).hasMessageContaining("publisher");
    }

    @Test
    void pluginNamesAreStableKebabCaseAndShortForOddRegistryNames() {
        assertThat(McpServerImport.pluginName("io.github.user/weather")).isEqualTo("io-github-user-weather");
        assertThat(McpServerImport.pluginName("io.github.User/Weather_2")).isEqualTo("io-github-user-weather-2");
        assertThat(McpServerImport.pluginName("com.exämple/café--mcp.")).isEqualTo("com-example-cafe-mcp");
        String longName = "io.github." + "a".repeat(80) + "/server";
        List<String> odd = List.of(longName, longName + "2", "///", "io.github.пример/сервер", "-.-/_", "x/y",
                "io.github.user/" + "Z".repeat(200));
        for (String name : odd) {
            String plugin = McpServerImport.pluginName(name);
            assertThat(plugin).as(name).hasSizeLessThanOrEqualTo(64).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(McpServerImport.pluginName(name)).as("stable").isEqualTo(plugin);
        }
        assertThat(McpServerImport.pluginName(longName)).isNotEqualTo(McpServerImport.pluginName(longName + "2"));
        assertThat(McpServerImport.pluginName("///")).isNotEqualTo(McpServerImport.pluginName("-.-/_"));
    }
}
