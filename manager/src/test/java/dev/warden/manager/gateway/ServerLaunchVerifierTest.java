package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.UserConfigOption;
import dev.warden.catalog.policy.Policy;
import dev.warden.manager.config.UserConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLaunchVerifierTest {

    private static final PluginId PLUGIN = PluginId.parse("acme/weather");

    @TempDir
    Path temp;

    Path installed;
    Path data;
    Path npx;
    final Map<String, String> secrets = new java.util.HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        installed = Files.createDirectories(temp.resolve("plugins/acme/weather/1.0.0"));
        data = temp.resolve("data/acme/weather");
        npx = executable(temp.resolve("runners/npx"));
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static ServerDeclaration stdio(String command, List<String> args, Map<String, String> env) {
        return new ServerDeclaration("forecast", Optional.of(command), args, env, Optional.empty(), ".mcp.json");
    }

    private static Permission permission(PermissionKind kind, String scope) {
        return Permission.of(kind, scope, "test");
    }

    private ServerLaunchVerifier verifier(List<Permission> requested, List<Permission> effective) {
        return new ServerLaunchVerifier(PLUGIN, requested, effective, Policy.none(), installed, data,
                name -> Optional.ofNullable(secrets.get(name)));
    }

    private ServerLaunchVerifier granted(ServerDeclaration server, Permission... more) {
        List<Permission> all = new java.util.ArrayList<>(List.of(more));
        all.add(permission(PermissionKind.MCP_SERVER, server.scope()));
        return verifier(all, all);
    }

    @Test
    void startsABareCommandAsTheGrantedProgramOfThatNameInAScrubbedEnvironment() throws Exception {
        ServerDeclaration server = stdio("npx", List.of("-y", "forecast@1.2.0"), Map.of("UNITS", "metric"));

        ServerLaunch launch = granted(server, permission(PermissionKind.PROCESS_EXEC, npx.toString())).verify(server);

        assertThat(launch.program()).isEqualTo(npx);
        assertThat(launch.args()).containsExactly("-y", "forecast@1.2.0");
        assertThat(launch.directory()).isEqualTo(data);
        assertThat(launch.env()).containsOnlyKeys("PATH", "HOME", "LANG", "LC_ALL", "UNITS")
                .containsEntry("HOME", data.toString()).containsEntry("PATH", npx.getParent() + ":/usr/bin:/bin");
    }

    @Test
    void refusesAServerWhoseMcpServerPermissionIsNotEffectiveSayingHowToGrantIt() {
        ServerDeclaration server = stdio(npx.toString(), List.of(), Map.of());
        Permission mcp = permission(PermissionKind.MCP_SERVER, server.scope());
        Permission exec = permission(PermissionKind.PROCESS_EXEC, npx.toString());

        assertThatThrownBy(() -> verifier(List.of(mcp, exec), List.of(exec)).verify(server))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("mcp.server stdio:" + npx).hasMessageContaining("warden grant acme/weather mcp.server");
        assertThatThrownBy(() -> verifier(List.of(exec), List.of(exec)).verify(server))
                .hasMessageContaining("which the plugin does not ask for");
    }

    @Test
    void refusesAnAbsoluteProgramWithoutItsProcessExecAndABareCommandNoGrantNames() {
        ServerDeclaration absolute = stdio(npx.toString(), List.of("serve"), Map.of());
        assertThatThrownBy(() -> granted(absolute).verify(absolute)).isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("process.exec " + npx);

        ServerDeclaration bare = stdio("uvx", List.of("forecast==1.0"), Map.of());
        assertThatThrownBy(() -> granted(bare, permission(PermissionKind.PROCESS_EXEC, npx.toString())).verify(bare))
                .hasMessageContaining("'uvx' by name").hasMessageContaining("does not look programs up on PATH");
    }

    @Test
    void runsAProgramShippedInThePluginOnItsMcpServerGrantButNotALinkOutOfIt() throws Exception {
        Path shipped = executable(installed.resolve("bin/server"));
        ServerDeclaration inside = stdio("${CLAUDE_PLUGIN_ROOT}/bin/server", List.of("--root", "${CLAUDE_PLUGIN_ROOT}"), Map.of());
        ServerLaunch launch = granted(inside).verify(inside);
        assertThat(launch.program()).isEqualTo(shipped);
        assertThat(launch.args()).containsExactly("--root", installed.toString());

        Files.createSymbolicLink(installed.resolve("bin/link"), npx);
        ServerDeclaration outside = stdio("${CLAUDE_PLUGIN_ROOT}/bin/link", List.of(), Map.of());
        assertThatThrownBy(() -> granted(outside).verify(outside)).isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("not an executable file inside the plugin");
    }

    @Test
    void fillsUserConfigFromThePluginsOwnSecretAndSaysWhichToSetWhenItIsMissing() throws Exception {
        ServerDeclaration server = stdio("npx", List.of("--token", "${user_config.API_KEY}"), Map.of("KEY", "${user_config.API_KEY}"));
        ServerLaunchVerifier verifier = granted(server, permission(PermissionKind.PROCESS_EXEC, npx.toString()));
        secrets.put("API_KEY", "not for this plugin");

        assertThatThrownBy(() -> verifier.verify(server)).isInstanceOf(ServerRefusedException.class)
                .hasMessage("it needs user_config.API_KEY; set it with: warden secret set acme_weather__API_KEY");

        secrets.put("acme_weather__API_KEY", "s3cret");
        ServerLaunch launch = verifier.verify(server);
        assertThat(launch.args()).containsExactly("--token", "s3cret");
        assertThat(launch.env()).containsEntry("KEY", "s3cret");
        assertThat(launch.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesReferencesToWardensEnvironmentAndLoaderVariables() {
        Permission exec = permission(PermissionKind.PROCESS_EXEC, npx.toString());
        ServerDeclaration home = stdio("npx", List.of(), Map.of("TOKEN", "${GITHUB_TOKEN}"));
        assertThatThrownBy(() -> granted(home, exec).verify(home)).hasMessageContaining("${GITHUB_TOKEN}")
                .hasMessageContaining("nothing of Warden's own environment");

        ServerDeclaration preload = stdio("npx", List.of(), Map.of("LD_PRELOAD", "${CLAUDE_PLUGIN_ROOT}/hook.so"));
        assertThatThrownBy(() -> granted(preload, exec).verify(preload)).hasMessageContaining("sets LD_PRELOAD");
        ServerDeclaration path = stdio("npx", List.of(), Map.of("PATH", "/tmp/evil"));
        assertThatThrownBy(() -> granted(path, exec).verify(path)).hasMessageContaining("sets PATH");
    }

    @Test
    void refusesARemoteServerForNow() {
        ServerDeclaration remote = new ServerDeclaration("forecast", Optional.empty(), List.of(), Map.of(),
                Optional.of("https://mcp.example.com/mcp"), ".mcp.json");
        assertThatThrownBy(() -> granted(remote).verify(remote)).hasMessageContaining("remote server");
    }

    private static UserConfigOption option(String key, boolean sensitive) {
        return new UserConfigOption(key, UserConfigOption.Type.STRING, key, "", sensitive, true, Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    /** The plugin declares {@code tenant} (a setting, stored as {@code settings} says) and {@code api_key} (sensitive). */
    private UserConfig config(Map<String, String> settings) {
        return new UserConfig(PLUGIN, List.of(option("tenant", false), option("api_key", true)), settings,
                name -> Optional.ofNullable(secrets.get(name)));
    }

    private ServerLaunchVerifier configured(UserConfig config, List<Permission> declared, List<Permission> granted) {
        List<Permission> requested = config.permissions(declared);
        List<Permission> effective = requested.stream().filter(p -> granted.stream()
                .anyMatch(g -> g.kind() == p.kind() && g.scope().equals(p.scope()))).toList();
        return new ServerLaunchVerifier(PLUGIN, requested, effective, Policy.none(), installed, data, config);
    }

    @Test
    void fillsASettingFromItsStoredValueAndASensitiveOptionFromItsSecret() throws Exception {
        ServerDeclaration server = stdio("npx", List.of("--tenant", "${user_config.tenant}"),
                Map.of("API_KEY", "${user_config.api_key}", "OTHER", "${user_config.other}"));
        List<Permission> all = List.of(permission(PermissionKind.MCP_SERVER, server.scope()),
                permission(PermissionKind.PROCESS_EXEC, npx.toString()));
        secrets.put("acme_weather__api_key", "k3y");
        secrets.put("acme_weather__other", "undeclared-secret");
        secrets.put("acme_weather__tenant", "a secret of the same name is not the setting");

        ServerLaunch launch = configured(config(Map.of("tenant", "acme")), all, all).verify(server);

        assertThat(launch.args()).containsExactly("--tenant", "acme");
        assertThat(launch.env()).containsEntry("API_KEY", "k3y").containsEntry("OTHER", "undeclared-secret");
        assertThatThrownBy(() -> configured(config(Map.of()), all, all).verify(server))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessage("it needs user_config.tenant; set it with: warden config set acme/weather tenant VALUE");
    }

    @Test
    void connectsToTheUrlFilledFromASettingOnlyWhereTheFilledAddressIsGranted() throws Exception {
        String template = "https://${user_config.tenant}.example.com/mcp";
        ServerDeclaration server = remote(template, Map.of());
        List<Permission> declared = List.of(permission(PermissionKind.MCP_SERVER, template),
                permission(PermissionKind.NET_EGRESS, "https://${user_config.tenant}.example.com"));
        List<Permission> grantedForAcme = config(Map.of("tenant", "acme")).permissions(declared);

        RemoteLaunch launch = configured(config(Map.of("tenant", "acme")), declared, grantedForAcme).verifyRemote(server);
        assertThat(launch.url()).isEqualTo("https://acme.example.com/mcp");

        assertThatThrownBy(() -> configured(config(Map.of("tenant", "globex")), declared, grantedForAcme).verifyRemote(server))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessage("it needs mcp.server https://globex.example.com/mcp, which is not granted; grant it with:"
                        + " warden grant acme/weather mcp.server 'https://globex.example.com/mcp'");
        assertThatThrownBy(() -> configured(config(Map.of("tenant", "evil.com/x")), declared, grantedForAcme)
                .verifyRemote(server)).isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("would change the shape of the URL");
    }

    @Test
    void refusesAUrlFilledFromASensitiveOrAnUndeclaredOption() {
        for (String url : List.of("https://${user_config.api_key}.example.com/mcp", "https://${user_config.other}.example.com/mcp",
                "https://${user_config.tenant}/mcp", "https://mcp.example.com:${user_config.tenant}/mcp")) {
            ServerDeclaration server = remote(url, Map.of());
            assertThat(ServerLaunchVerifier.remoteProblem(server, config(Map.of("tenant", "acme")))).as(url).get()
                    .asString().contains("Warden fills in no URL but from a declared non-sensitive option");
        }
        assertThat(ServerLaunchVerifier.remoteProblem(remote("https://${user_config.tenant}.example.com/mcp", Map.of()),
                config(Map.of()))).isEmpty();
    }

    private static ServerDeclaration remote(String url, Map<String, String> headers) {
        return new ServerDeclaration("forecast", Optional.empty(), List.of(), Map.of(), Optional.of(url), ".mcp.json",
                headers);
    }

    private ServerLaunchVerifier grantedRemote(ServerDeclaration server) {
        String origin = ServerLaunchVerifier.origin(server.url().orElseThrow()).orElse("https://mcp.example.com");
        return granted(server, permission(PermissionKind.NET_EGRESS, origin));
    }

    @Test
    void fillsARemoteServersHeaderFromTheSecretStoreAndKnowsWhichValuesAreSecret() throws Exception {
        secrets.put("acme_weather__TOKEN", "s3cr3t");
        ServerDeclaration server = remote("https://mcp.example.com/mcp",
                Map.of("Authorization", "Bearer ${TOKEN}", "X-Root", "${CLAUDE_PLUGIN_ROOT}"));

        RemoteLaunch launch = grantedRemote(server).verifyRemote(server);

        assertThat(launch.headers()).containsEntry("Authorization", "Bearer s3cr3t");
        assertThat(launch.secrets()).containsExactly("s3cr3t");
        assertThat(launch.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void refusesRemoteServersNoGrantCouldMakeSafe() {
        secrets.put("acme_weather__TOKEN", "s3cr3t");
        Map<String, String> bearer = Map.of("Authorization", "Bearer ${TOKEN}");
        Map<ServerDeclaration, String> refused = new java.util.LinkedHashMap<>();
        refused.put(remote("https://user:pass@mcp.example.com/mcp", Map.of()), "user information");
        refused.put(remote("https://mcp.example.com/${TOKEN}/mcp", Map.of()), "Warden fills in no URL");
        refused.put(remote("https://${TOKEN}.example.com/mcp", Map.of()), "Warden fills in no URL");
        refused.put(remote("ftp://mcp.example.com/mcp", Map.of()), "only http and https");
        refused.put(remote("http://mcp.example.com/mcp", bearer), "in clear text (http://)");
        refused.put(remote("HTTP://MCP.EXAMPLE.COM:8080/mcp", bearer), "in clear text (http://)");
        refused.put(remote("http://10.0.0.5/mcp", bearer), "in clear text (http://)");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("Host", "internal.example.com")), "Warden writes it itself");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("Content-Length", "0")), "Warden writes it itself");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("Transfer-Encoding", "chunked")), "Warden writes it itself");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("Mcp-Session-Id", "fixed")), "writes itself for MCP");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("mcp-protocol-version", "x")), "writes itself for MCP");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("X-A\r\nHost: evil", "1")), "not an HTTP token");
        refused.put(remote("https://mcp.example.com/mcp", Map.of("X-A", "1\r\nHost: evil")), "line break");

        refused.forEach((server, why) -> {
            assertThatThrownBy(() -> verifier(List.of(), List.of()).verifyRemote(server)).as(server.toString())
                    .isInstanceOf(ServerRefusedException.class).hasMessageContaining(why)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("\r").doesNotContain("\n"));
            assertThat(ServerLaunchVerifier.remoteProblem(server)).as(server.toString()).isPresent();
        });
    }

    @Test
    void sendsASecretOverPlainHttpOnlyToThisMachine() throws Exception {
        secrets.put("acme_weather__TOKEN", "s3cr3t");
        for (String url : List.of("http://127.0.0.1:8080/mcp", "http://localhost/mcp", "http://[::1]:9/mcp")) {
            ServerDeclaration server = remote(url, Map.of("Authorization", "Bearer ${TOKEN}"));
            assertThat(grantedRemote(server).verifyRemote(server).headers()).as(url)
                    .containsEntry("Authorization", "Bearer s3cr3t");
        }
        ServerDeclaration plain = remote("http://mcp.example.com/mcp", Map.of("X-Client", "warden"));
        assertThat(grantedRemote(plain).verifyRemote(plain).headers()).containsEntry("X-Client", "warden");
    }

    @Test
    void refusesAStoredSecretThatCannotBeAHeaderValueWithoutShowingIt() {
        secrets.put("acme_weather__TOKEN", "s3cr3t\r\nX-Injected: 1");
        ServerDeclaration server = remote("https://mcp.example.com/mcp", Map.of("Authorization", "Bearer ${TOKEN}"));

        assertThatThrownBy(() -> grantedRemote(server).verifyRemote(server))
                .hasMessageContaining("its header Authorization, filled in, holds a line break")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }
}
