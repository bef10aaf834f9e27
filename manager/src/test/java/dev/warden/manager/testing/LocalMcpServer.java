package dev.warden.manager.testing;

import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.Predicate;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server on 127.0.0.1 that a plugin's remote MCP server declaration points at: the MCP Java SDK's server over
 * Streamable HTTP ({@link #withLookupTool}) or one that redirects every request ({@link #redirectingTo}). Each
 * request it receives is recorded as {@code "PORT METHOD AUTHORIZATION"}, so that a test sees where the person's
 * secret went.
 */
public final class LocalMcpServer implements AutoCloseable {

    /** The header reference of {@link #plugin}'s declaration; its secret is {@code <publisher>_<name>__REMOTE_TOKEN}. */
    public static final String TOKEN_REFERENCE = "REMOTE_TOKEN";

    private final Server jetty;
    private final int port;
    private final AutoCloseable mcp;
    /** The {@code Authorization} header of each request ({@code "null"} where none), {@code "rejected "} before a 401's. */
    private final List<String> authorizations;

    private LocalMcpServer(Server jetty, AutoCloseable mcp, List<String> authorizations) {
        this.jetty = jetty;
        this.port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        this.mcp = mcp;
        this.authorizations = authorizations;
    }

    /**
     * Starts an MCP server of the SDK with one tool, {@code lookup} (input {@code {"query": STRING}}), which answers
     * {@code "found: QUERY"}, at {@code /mcp}.
     *
     * @param seen where each request is recorded
     */
    public static LocalMcpServer withLookupTool(List<String> seen) throws Exception {
        return lookup(seen, header -> true, () -> "");
    }

    /**
     * As {@link #withLookupTool}, demanding a bearer token: a request whose {@code Authorization} header {@code accepts}
     * does not let through is answered 401 with the {@code WWW-Authenticate} value {@code challenge} gives then.
     *
     * @param accepts whether a request's {@code Authorization} header (null if none) is let through
     */
    public static LocalMcpServer guarded(Predicate<String> accepts, Supplier<String> challenge) throws Exception {
        return lookup(new CopyOnWriteArrayList<>(), accepts, challenge);
    }

    private static LocalMcpServer lookup(List<String> seen, Predicate<String> accepts, Supplier<String> challenge)
            throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).mcpEndpoint("/mcp").build();
        McpSyncServer mcp = withLookup(McpServer.sync(transport));
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        return start(context, seen, mcp::close, accepts, challenge);
    }

    /**
     * @return the MCP server {@code spec} describes (any of the SDK's server transports), with one tool, {@code lookup}
     *         (input {@code {"query": STRING}}), which answers {@code "found: QUERY"}
     */
    public static McpSyncServer withLookup(McpServer.SyncSpecification<?> spec) {
        JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        McpSchema.Tool lookup = McpSchema.Tool.builder().name("lookup").description("Looks a word up")
                .inputSchema(json, "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}").build();
        return spec.serverInfo("remote-test", "1")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(McpServerFeatures.SyncToolSpecification.builder().tool(lookup).callHandler((exchange, request) ->
                        McpSchema.CallToolResult.builder().addTextContent("found: " + request.arguments().get("query"))
                                .build()).build())
                .build();
    }

    /**
     * Starts a server that answers every request with a 307 redirect to {@code location}.
     *
     * @param seen where each request is recorded
     */
    public static LocalMcpServer redirectingTo(String location, List<String> seen) throws Exception {
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(307);
                response.setHeader("Location", location);
            }
        }), "/*");
        return start(context, seen, () -> { }, header -> true, () -> "");
    }

    private static LocalMcpServer start(ServletContextHandler context, List<String> seen, AutoCloseable mcp,
                                        Predicate<String> accepts, Supplier<String> challenge) throws Exception {
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        context.setContextPath("/");
        List<String> authorizations = new CopyOnWriteArrayList<>();
        context.addFilter(new FilterHolder((request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String authorization = http.getHeader("Authorization");
            seen.add(http.getLocalPort() + " " + http.getMethod() + " " + authorization);
            if (!accepts.test(authorization)) {
                authorizations.add("rejected " + authorization);
                HttpServletResponse answer = (HttpServletResponse) response;
                answer.setStatus(401);
                answer.setHeader("WWW-Authenticate", challenge.get());
                return;
            }
            authorizations.add(String.valueOf(authorization));
            chain.doFilter(request, response);
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        return new LocalMcpServer(jetty, mcp, authorizations);
    }

    /**
     * A plugin whose only part is the remote MCP server {@code remote} at {@code url}, sending {@code Authorization:
     * Bearer ${REMOTE_TOKEN}}, and asking for its {@code mcp.server} and its origin's {@code net.egress}.
     *
     * @param optional whether those two permissions are optional (granted only with {@code --with-optional})
     */
    public static PluginSource plugin(String publisher, String name, String url, boolean optional) {
        return plugin(publisher, name, url, optional, "http", "{\"Authorization\": \"Bearer ${" + TOKEN_REFERENCE + "}\"}");
    }

    /**
     * As {@link #plugin(String, String, String, boolean)}, with the server's transport and headers as given.
     *
     * @param type    {@code http} or {@code sse}
     * @param headers the declaration's headers, as JSON
     */
    public static PluginSource plugin(String publisher, String name, String url, boolean optional, String type,
                                      String headers) {
        PluginSource source = PluginSource.plugin(publisher, name);
        String origin = url.substring(0, url.indexOf('/', url.indexOf("://") + 3));
        if (optional) {
            source.optionalPermission("mcp.server", url, "the remote server").optionalPermission("net.egress", origin,
                    "the remote server's origin");
        } else {
            source.permission("mcp.server", url, "the remote server").permission("net.egress", origin,
                    "the remote server's origin");
        }
        return source.file(".mcp.json", "{\"mcpServers\": {\"remote\": {\"type\": \"" + type + "\", \"url\": \""
                + url + "\", \"headers\": " + headers + "}}}");
    }

    /** @return the port it listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:PORT/mcp} */
    public String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    /** @return the {@code Authorization} header of each request let through, {@code "null"} where it had none */
    public List<String> authorizations() {
        return authorizations.stream().filter(a -> !a.startsWith("rejected ")).toList();
    }

    /** @return the {@code Authorization} header of each request answered 401, {@code "null"} where it had none */
    public List<String> rejected() {
        return authorizations.stream().filter(a -> a.startsWith("rejected ")).map(a -> a.substring(9)).toList();
    }

    @Override
    public void close() throws Exception {
        try {
            mcp.close();
        } finally {
            jetty.stop();
        }
    }
}
