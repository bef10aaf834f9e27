package dev.warden.manager.cli;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.json.JsonMapper;

/**
 * A remote MCP server for tests: Streamable HTTP (the MCP Java SDK's servlet transport in Jetty) on 127.0.0.1 at
 * {@code /mcp}, with one tool, {@code lookup}, that answers {@code found: <query>}. It may demand a bearer token: a
 * request whose {@code Authorization} the guard does not accept is answered 401 with a {@code WWW-Authenticate}
 * challenge. It keeps the {@code Authorization} header of every request.
 */
final class RemoteMcpTestServer implements AutoCloseable {

    private final Server jetty;
    private final int port;
    private final List<String> authorizations;

    private RemoteMcpTestServer(Server jetty, int port, List<String> authorizations) {
        this.jetty = jetty;
        this.port = port;
        this.authorizations = authorizations;
    }

    /** An MCP server that answers anyone. */
    static RemoteMcpTestServer open() throws Exception {
        return guarded(header -> true, () -> "");
    }

    /**
     * @param accepts   whether a request's {@code Authorization} header (null if none) is let through
     * @param challenge the {@code WWW-Authenticate} value of a 401, asked for each time
     */
    static RemoteMcpTestServer guarded(Predicate<String> accepts, Supplier<String> challenge) throws Exception {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json).mcpEndpoint("/mcp").build();
        McpSchema.Tool lookup = McpSchema.Tool.builder().name("lookup").description("Looks a word up")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}").build();
        McpSyncServer mcp = McpServer.sync(transport).serverInfo("remote-test", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(lookup).callHandler((exchange, request) ->
                        McpSchema.CallToolResult.builder().addTextContent("found: " + request.arguments().get("query"))
                                .build()).build())
                .build();
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        List<String> seen = new CopyOnWriteArrayList<>();
        context.addFilter(new FilterHolder((request, response, chain) -> {
            String authorization = ((HttpServletRequest) request).getHeader("Authorization");
            seen.add(String.valueOf(authorization));
            if (!accepts.test(authorization)) {
                seen.add("rejected " + authorization);
                HttpServletResponse http = (HttpServletResponse) response;
                http.setStatus(401);
                http.setHeader("WWW-Authenticate", challenge.get());
                return;
            }
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
                mcp.close();
            }
        });
        jetty.start();
        return new RemoteMcpTestServer(jetty, connector.getLocalPort(), seen);
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    /** @return the {@code Authorization} header of each request received, {@code "null"} where it had none */
    List<String> authorizations() {
        return authorizations.stream().filter(a -> !a.startsWith("rejected ")).toList();
    }

    /** @return the {@code Authorization} header of each request answered 401, {@code "null"} where it had none */
    List<String> rejected() {
        return authorizations.stream().filter(a -> a.startsWith("rejected ")).map(a -> a.substring(9)).toList();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
