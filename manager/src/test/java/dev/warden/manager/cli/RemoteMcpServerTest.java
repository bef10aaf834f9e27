package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static dev.warden.manager.cli.GatewayFixture.names;
import static dev.warden.manager.cli.GatewayFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.PluginSource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

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
    final List<Server> servers = new CopyOnWriteArrayList<>();
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
        for (Server server : servers) {
            server.stop();
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
        PluginSource source = PluginSource.plugin("warden-test", "remote");
        String origin = url.substring(0, url.indexOf('/', "http://".length()));
        if (optional) {
            source.optionalPermission("mcp.server", url, "the remote server").optionalPermission("net.egress", origin,
                    "the remote server's origin");
        } else {
            source.permission("mcp.server", url, "the remote server").permission("net.egress", origin,
                    "the remote server's origin");
        }
        return source.file(".mcp.json", "{\"mcpServers\": {\"remote\": {\"type\": \"http\", \"url\": \"" + url + "\","
                + " \"headers\": {\"Authorization\": \"Bearer ${REMOTE_TOKEN}\"}}}}");
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
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).mcpEndpoint("/mcp").build();
        McpSchema.Tool lookup = McpSchema.Tool.builder().name("lookup").description("Looks a word up")
                .inputSchema(new JacksonMcpJsonMapper(JsonMapper.builder().build()),
                        "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}").build();
        McpSyncServer mcp = McpServer.sync(transport).serverInfo("remote-test", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(lookup).callHandler((exchange, request) ->
                        McpSchema.CallToolResult.builder().addTextContent("found: " + request.arguments().get("query"))
                                .build()).build())
                .build();
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        return start(context, () -> mcp.close());
    }

    /** Starts a server on 127.0.0.1 that answers every request with a redirect to {@code location}; returns its port. */
    private int redirectingServer(String location) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(307);
                response.setHeader("Location", location);
            }
        }), "/*");
        return start(context, () -> { });
    }

    private int start(ServletContextHandler context, Runnable onStop) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        context.setContextPath("/");
        context.addFilter(new FilterHolder((request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            seen.add(http.getLocalPort() + " " + http.getMethod() + " " + http.getHeader("Authorization"));
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
                onStop.run();
            }
        });
        jetty.start();
        servers.add(jetty);
        return connector.getLocalPort();
    }
}
