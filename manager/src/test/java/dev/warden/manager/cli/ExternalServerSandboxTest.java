package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.closingEndsAll;
import static dev.warden.manager.cli.GatewayFixture.eventually;
import static dev.warden.manager.cli.GatewayFixture.names;
import static dev.warden.manager.cli.GatewayFixture.serverProcesses;
import static dev.warden.manager.cli.GatewayFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.BubblewrapHere;
import dev.warden.manager.testing.HostileMcpServer;
import dev.warden.manager.testing.PluginSource;
import dev.warden.manager.testing.ServerClasspath;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An external MCP server that turns hostile ({@link HostileMcpServer}) under {@code warden serve}, in its plugin's
 * sandbox: it cannot read the person's SSH key or Warden's files, cannot reach an ungranted host through the proxy
 * or around it, each proxy attempt is in the plugin's audit log, and a granted host still answers. Real bwrap, real
 * processes, 127.0.0.1 only. Skipped, with the reason printed, only where bwrap cannot make a sandbox.
 */
class ExternalServerSandboxTest extends HomeFixture {

    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final List<String> SERVER_ARGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", HostileMcpServer.class.getName());
    private static final String SCOPE = "stdio:" + JAVA + " " + String.join(" ", SERVER_ARGS);
    private static final String SECRET = "planted-secret-7f3a";
    private static final String TOOL = "warden-test_hostile__attack";

    Publisher publisher;
    McpSyncClient client;
    ServerSocket granted;
    ServerSocket ungranted;
    final AtomicInteger ungrantedReached = new AtomicInteger();
    final List<String> serverErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        BubblewrapHere.orSkip(ExternalServerSandboxTest.class);
        publisher = new Publisher(warden, temp.resolve("publisher"), "warden-test").trusted();
        granted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ungranted = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        serve(granted, "hello from the granted host", null);
        serve(ungranted, "the ungranted host answered", ungrantedReached);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (client != null) {
            client.closeGracefully();
        }
        if (granted != null) {
            granted.close();
            ungranted.close();
        }
    }

    @Test
    void aHostileServerIsContainedAndItsAttemptsOnTheNetworkAreAudited() throws Exception {
        Path userHome = Files.createDirectories(temp.resolve("user-home"));
        Path sshKey = Files.createDirectories(userHome.resolve(".ssh")).resolve("id_ed25519");
        Files.writeString(sshKey, SECRET);
        Path wardenFile = temp.resolve("home/planted-in-warden-home.txt");
        Files.writeString(wardenFile, SECRET);
        String classpath = ServerClasspath.layOut(userHome.resolve("server-cp"));
        String grantedHost = "127.0.0.1:" + granted.getLocalPort();
        String ungrantedHost = "127.0.0.1:" + ungranted.getLocalPort();
        install(Map.of("CLASSPATH", classpath, "HOSTILE_READ", sshKey + "|" + wardenFile,
                "HOSTILE_GRANTED", grantedHost, "HOSTILE_UNGRANTED", ungrantedHost), "https://" + grantedHost);

        client = GatewayFixture.stdioClient(warden.environment(), temp, serverErrors).build();
        client.initialize();
        assertThat(eventually(() -> names(client.listTools().tools()).contains(TOOL))).as("server said: %s", serverErrors).isTrue();
        List<ProcessHandle> serverTree = serverProcesses(HostileMcpServer.class);
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(TOOL, Map.of()));

        String report = text(result);
        assertThat(report).as(report).doesNotContain(SECRET)
                .contains("read " + sshKey + ": failed java.nio.file.NoSuchFileException")
                .contains("read " + wardenFile + ": failed java.nio.file.NoSuchFileException")
                .contains("proxy " + ungrantedHost + ": HTTP/1.1 403 Forbidden")
                .contains("proxy " + grantedHost + ": HTTP/1.1 200 Connection established | hello from the granted host")
                .containsPattern("direct " + ungrantedHost + ": failed java\\.net\\.\\w+");
        assertThat(ungrantedReached).as("connections that reached the ungranted host").hasValue(0);

        String audit = warden.run("audit", "--plugin", "warden-test/hostile", "--json").out();
        assertThat(audit).doesNotContain(SECRET);
        List<String> egress = entries(audit, "capability").stream()
                .map(d -> d.get("kind").asString() + " " + d.get("target").asString() + " " + d.get("decision").asString()
                        + " " + d.get("server").asString())
                .toList();
        assertThat(egress).containsExactlyInAnyOrder("net.egress https://" + ungrantedHost + " denied hostile",
                "net.egress https://" + grantedHost + " allowed hostile");
        JsonNode start = entries(audit, "mcp.server.start").get(0);
        assertThat(start.get("isolation").asString()).isEqualTo("process");
        List<String> mounted = start.get("mounted").valueStream().map(JsonNode::asString).toList();
        assertThat(mounted).contains("socket /run/warden/egress.sock", "rw " + temp.resolve("home/data/warden-test/hostile"),
                "ro " + userHome.resolve("server-cp"));
        assertThat(mounted).noneMatch(m -> m.contains(".ssh") || m.endsWith(temp.resolve("home").toString()));

        McpSyncClient closing = client;
        client = null;
        closingEndsAll(closing, serverTree);
    }

    @Test
    void aServerThatKeepsTryingUngrantedHostsGetsItsPluginQuarantinedAndStopped() throws Exception {
        Path userHome = Files.createDirectories(temp.resolve("user-home"));
        String grantedHost = "127.0.0.1:" + granted.getLocalPort();
        String ungrantedHost = "127.0.0.1:" + ungranted.getLocalPort();
        install(Map.of("CLASSPATH", ServerClasspath.layOut(userHome.resolve("server-cp")), "HOSTILE_READ", "/nothing",
                "HOSTILE_GRANTED", grantedHost, "HOSTILE_UNGRANTED", ungrantedHost), "https://" + grantedHost);
        client = GatewayFixture.stdioClient(warden.environment(), temp, serverErrors).build();
        client.initialize();
        assertThat(eventually(() -> names(client.listTools().tools()).contains(TOOL))).as("server said: %s", serverErrors).isTrue();

        // each call asks the proxy for the ungranted host once: the plugin's 20th denial within a minute quarantines it
        for (int call = 0; call < 20; call++) {
            client.callTool(new McpSchema.CallToolRequest(TOOL, Map.of()));
        }

        assertThat(eventually(() -> !names(client.listTools().tools()).contains(TOOL)))
                .as("the quarantined plugin's tools are withdrawn; server said: %s", serverErrors).isTrue();
        assertThat(warden.run("list", "--json").out()).contains("quarantined");
        List<JsonNode> quarantine = entries(warden.run("audit", "--plugin", "warden-test/hostile", "--json").out(), "quarantine");
        assertThat(quarantine).singleElement().satisfies(q -> assertThat(q.get("reason").asString())
                .contains("20 denied capability uses").contains("MCP server 'hostile'"));
        assertThat(ungrantedReached).as("connections that reached the ungranted host").hasValue(0);
    }

    @Test
    void withoutBwrapTheServerRunsUnsandboxedAndServeSaysSoOncePerServerAndInEveryStartsAuditEntry() throws Exception {
        Path userHome = Files.createDirectories(temp.resolve("user-home"));
        install(Map.of("CLASSPATH", ServerClasspath.layOut(userHome.resolve("server-cp"))),
                "https://127.0.0.1:" + granted.getLocalPort());
        Map<String, String> env = new java.util.HashMap<>(warden.environment());
        env.put("PATH", temp.resolve("no-bwrap-here").toString());

        client = GatewayFixture.stdioClient(env, temp, serverErrors).build();
        client.initialize();
        assertThat(eventually(() -> names(client.listTools().tools()).contains(TOOL))).as("server said: %s", serverErrors).isTrue();
        // a changed catalog restarts the servers
        assertThat(warden.piping("value").run("secret", "set", "unrelated").exitCode()).isZero();
        assertThat(eventually(() -> entries(warden.run("audit", "--plugin", "warden-test/hostile", "--json").out(),
                "mcp.server.start").size() == 2)).as("server said: %s", serverErrors).isTrue();

        assertThat(serverErrors.stream().filter(l -> l.contains("WARNING"))).singleElement().asString()
                .contains("warden-test/hostile").contains("'hostile' runs WITHOUT a sandbox").contains("no bwrap on PATH");
        List<JsonNode> starts = entries(warden.run("audit", "--plugin", "warden-test/hostile", "--json").out(), "mcp.server.start");
        assertThat(starts).allSatisfy(start -> {
            assertThat(start.get("isolation").asString()).isEqualTo("none");
            assertThat(start.get("why").asString()).contains("no bwrap on PATH");
        });
    }

    @Test
    void withoutBwrapWherePolicyRequiresASandboxTheServerIsNotStartedAndServeSaysWhy() throws Exception {
        Path userHome = Files.createDirectories(temp.resolve("user-home"));
        install(Map.of("CLASSPATH", ServerClasspath.layOut(userHome.resolve("server-cp"))),
                "https://127.0.0.1:" + granted.getLocalPort());
        Files.createDirectories(temp.resolve("system"));
        Files.writeString(temp.resolve("system/policy.json"), "{\"requiresProcessIsolation\": true}");
        Map<String, String> env = new java.util.HashMap<>(warden.environment());
        env.put("PATH", temp.resolve("no-bwrap-here").toString());

        client = GatewayFixture.stdioClient(env, temp, serverErrors).build();
        client.initialize();

        assertThat(eventually(() -> entries(warden.run("audit", "--plugin", "warden-test/hostile", "--json").out(),
                "mcp.server.refused").size() == 1)).as("server said: %s", serverErrors).isTrue();
        assertThat(names(client.listTools().tools())).doesNotContain(TOOL);
        assertThat(serverErrors).anyMatch(l -> l.contains("'hostile' is not started") && l.contains("requiresProcessIsolation"));
        assertThat(entries(warden.run("audit", "--plugin", "warden-test/hostile", "--json").out(), "mcp.server.start")).isEmpty();
    }

    /** @return the details of the audit entries of one event, in order */
    private static List<JsonNode> entries(String auditJson, String event) {
        return JsonMapper.builder().build().readTree(auditJson).valueStream()
                .filter(e -> e.get("event").asString().equals(event)).map(e -> e.get("details")).toList();
    }

    private void install(Map<String, String> env, String egress) throws Exception {
        PluginSource source = PluginSource.plugin("warden-test", "hostile")
                .permission("mcp.server", SCOPE, "run the server")
                .permission("process.exec", JAVA, "the server is a Java program")
                .permission("fs.read", "${home}/server-cp/**", "the server's class path")
                .permission("net.egress", egress, "the server's one host")
                .mcpServer("hostile", JAVA, SERVER_ARGS, env);
        Path bundle = publisher.signFolder(source.writeTo(temp.resolve("src/hostile")), "hostile");
        CliRunner.Result installed = warden.run("install", bundle.toString(), "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
    }

    private static void serve(ServerSocket socket, String line, AtomicInteger reached) {
        Thread thread = new Thread(() -> {
            while (true) {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    if (reached != null) {
                        reached.incrementAndGet();
                    }
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
    }
}
