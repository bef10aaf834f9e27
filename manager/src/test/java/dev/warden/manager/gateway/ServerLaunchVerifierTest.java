package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.policy.Policy;
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
}
