package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static dev.warden.manager.cli.GatewayFixture.names;
import static dev.warden.manager.cli.GatewayFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.LocalMcpServer;
import dev.warden.manager.testing.PluginSource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plugin whose only part is a remote MCP server (Streamable HTTP, declared with {@code "type": "http"} and a header
 * that carries a secret), served by {@code warden serve}: Warden connects to it through the plugin's egress checks,
 * offers its tools under the plugin's name, audits each call, and sends the secret to that origin only.
 */
class RemoteMcpServerTest extends HomeFixture {

    private static final String TOKEN = "remote-secret-4f9c1e";
    private static final String SECRET = "warden-test_remote__REMOTE_TOKEN";

    Publisher publisher;
    McpSyncClient client;
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    final List<LocalMcpServer> servers = new CopyOnWriteArrayList<>();
    /** Each request a test server received: its port, method and Authorization header. */
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        publisher = new Publisher(warden, temp.resolve("publisher"), "warden-test").trusted();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        for (LocalMcpServer server : servers) {
            server.close();
        }
    }

    @Test
    void servesTheRemoteServersToolsAuditsEachCallAndSendsTheSecretToItsOriginOnly() throws Exception {
        int port = mcpServer();
        String url = "http://127.0.0.1:" + port + "/mcp";
        CliRunner.Result installed = install(url, false);
        assertThat(installed.out()).contains("the secret " + SECRET).contains("connects to it as an MCP client");
        assertThat(warden.piping(TOKEN).run("secret", "set", SECRET).exitCode()).isZero();

        client = connect();

        assertThat(eventually(() -> names(client.listTools().tools()).contains("warden-test_remote__lookup")))
                .as("server said: %s", serverErrors).isTrue();
        McpSchema.CallToolResult answer = client.callTool(new McpSchema.CallToolRequest("warden-test_remote__lookup",
                Map.of("query", "passport")));
        assertThat(answer.isError()).as(answer.toString()).isFalse();
        assertThat(text(answer)).isEqualTo("found: passport");
        client.callTool(new McpSchema.CallToolRequest("warden-test_remote__lookup", Map.of("query", "visa")));

        assertThat(seen).isNotEmpty().allMatch(s -> s.startsWith(port + " ") && s.endsWith(" Bearer " + TOKEN));
        String audit = ok("audit", "--plugin", "warden-test/remote", "--json").out();
        assertThat(audit).contains("\"mcp.server.start\"").contains(url).doesNotContain(TOKEN);
        assertThat(audit.split("\"tool\\.call\"", -1)).hasSize(3);
        assertThat(audit).contains("\"net.egress\"").contains("http://127.0.0.1:" + port);
        assertThat(serverErrors).noneMatch(l -> l.contains(TOKEN));
        client.closeGracefully();
        client = null;
        assertThat(filesHolding(TOKEN)).containsExactly(home.resolve("secrets/secrets.json"));
    }

    @Test
    void aServerWhoseOriginIsNotGrantedIsNotStartedAndServeSaysWhichGrantToGive() throws Exception {
        int port = mcpServer();
        install("http://127.0.0.1:" + port + "/mcp", true);
        assertThat(warden.piping(TOKEN).run("secret", "set", SECRET).exitCode()).isZero();
        ok("revoke", "warden-test/remote", "net.egress", "http://127.0.0.1:" + port);

        client = connect();

        assertThat(eventually(() -> serverErrors.stream().anyMatch(l -> l.contains("is not started"))))
                .as("server said: %s", serverErrors).isTrue();
        assertThat(serverErrors).anyMatch(l -> l.contains("warden-test/remote: the MCP server 'remote' is not started")
                && l.contains("warden grant warden-test/remote net.egress 'http://127.0.0.1:" + port + "'"));
        assertThat(names(client.listTools().tools())).noneMatch(n -> n.contains("lookup"));
        assertThat(seen).isEmpty();
        assertThat(ok("audit", "--plugin", "warden-test/remote", "--json").out()).contains("\"mcp.server.refused\"");
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedEvenWhereThatOriginIsGranted() throws Exception {
        int elsewhere = mcpServer();
        int redirecting = redirectingServer("http://127.0.0.1:" + elsewhere + "/mcp");
        PluginSource source = plugin("http://127.0.0.1:" + redirecting + "/mcp", false)
                .permission("net.egress", "http://127.0.0.1:" + elsewhere, "where the server moved");
        installSource(source, false);
        assertThat(warden.piping(TOKEN).run("secret", "set", SECRET).exitCode()).isZero();

        client = connect();

        assertThat(eventually(() -> serverErrors.stream().anyMatch(l -> l.contains("is not available"))))
                .as("server said: %s", serverErrors).isTrue();
        assertThat(serverErrors).anyMatch(l -> l.contains("the MCP server 'remote' is not available")
                && l.contains("refused a redirect from http://127.0.0.1:" + redirecting + " to another origin"))
                .noneMatch(l -> l.contains(TOKEN));
        assertThat(seen).isNotEmpty().allMatch(s -> s.startsWith(redirecting + " "));
        assertThat(names(client.listTools().tools())).noneMatch(n -> n.contains("lookup"));
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefused() throws Exception {
        int port = mcpServer();
        String url = "http://mcp.example.com:" + port + "/mcp";
        install(url, false);
        assertThat(warden.piping(TOKEN).run("secret", "set", SECRET).exitCode()).isZero();
        InetAddress inside = InetAddress.getByAddress("mcp.example.com", new byte[] {10, 1, 2, 3});
        warden.brokers((store, surroundings) -> new dev.warden.manager.runtime.CapabilityBroker(store, surroundings,
                host -> List.of(inside)));

        CliRunner.Result served = warden.piping("").run("serve", "--workspace", temp.toString());

        assertThat(served.err()).contains("warden-test/remote: the MCP server 'remote' is not available")
                .contains("mcp.example.com resolves to 10.1.2.3, a private address that was not granted")
                .doesNotContain(TOKEN);
        assertThat(seen).isEmpty();
        assertThat(ok("audit", "--plugin", "warden-test/remote", "--json").out()).contains("\"denied\"")
                .contains("10.1.2.3").doesNotContain(TOKEN);
    }

    private PluginSource plugin(String url, boolean optional) {
        return LocalMcpServer.plugin("warden-test", "remote", url, optional);
    }

    private CliRunner.Result install(String url, boolean optional) throws Exception {
        return installSource(plugin(url, optional), optional);
    }

    private CliRunner.Result installSource(PluginSource source, boolean optional) throws Exception {
        Path bundle = publisher.signFolder(source.writeTo(temp.resolve("src/remote")), "remote");
        CliRunner.Result installed = optional
                ? warden.run("install", bundle.toString(), "--yes", "--with-optional")
                : warden.run("install", bundle.toString(), "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        return installed;
    }

    private McpSyncClient connect() {
        McpSyncClient connected = GatewayFixture.stdioClient(new HashMap<>(warden.environment()), temp, serverErrors).build();
        connected.initialize();
        return connected;
    }

    /** Starts an MCP server (Streamable HTTP) on 127.0.0.1 with one tool, {@code lookup}; returns its port. */
    private int mcpServer() throws Exception {
        return started(LocalMcpServer.withLookupTool(seen));
    }

    /** Starts a server on 127.0.0.1 that answers every request with a redirect to {@code location}; returns its port. */
    private int redirectingServer(String location) throws Exception {
        return started(LocalMcpServer.redirectingTo(location, seen));
    }

    private int started(LocalMcpServer server) {
        servers.add(server);
        return server.port();
    }
}
