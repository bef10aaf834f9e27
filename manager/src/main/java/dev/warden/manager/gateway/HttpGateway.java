package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve --http PORT}: the gateway over MCP's Streamable HTTP, for clients that connect to a running
 * server rather than start one. It listens on 127.0.0.1 only, at {@value #PATH}, and every request passes the
 * {@link RequestGuard} (this machine, this server's name, a local page if any, the token) before the MCP server
 * sees it.
 */
public final class HttpGateway implements AutoCloseable {

    /** Where the MCP endpoint is. */
    public static final String PATH = "/mcp";

    /** The only address the gateway listens on. */
    public static final String LOOPBACK = "127.0.0.1";

    private final Server jetty;
    private final Gateway gateway;
    private final InetSocketAddress address;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean stopped;

    private HttpGateway(Server jetty, Gateway gateway, InetSocketAddress address) {
        this.jetty = jetty;
        this.gateway = gateway;
        this.address = address;
    }

    /**
     * Starts serving every enabled plugin on 127.0.0.1:{@code port}.
     *
     * @param port   the port to listen on; 0 picks a free one ({@link #address()} says which)
     * @param token  the token every request must carry
     * @param report where Warden tells the person about plugins that did not start
     * @throws IOException if the port cannot be listened on (taken, or reserved)
     */
    public static HttpGateway start(Lifecycle lifecycle, CapabilityBroker broker, Gateway.Settings settings,
                                    Consumer<String> report, GatewayToken token, int port) throws IOException {
        Objects.requireNonNull(token, "token");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("warden-http");
        // A gateway someone forgot to close must not keep a JVM alive; 'warden serve' waits for close() itself.
        threads.setDaemon(true);
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(LOOPBACK);
        connector.setPort(port);
        jetty.addConnector(connector);
        // Bound before the plugins load: a taken port fails at once, and the guard learns the port 0 picked.
        try {
            connector.open();
        } catch (IOException e) {
            connector.close();
            throw new IOException("cannot listen on " + LOOPBACK + ":" + port + ": " + e.getMessage()
                    + "; choose another port, or 0 for a free one", e);
        }
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, connector.getLocalPort());

        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .mcpEndpoint(PATH)
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder mcp = new ServletHolder("mcp", transport);
        mcp.setAsyncSupported(true);
        context.addServlet(mcp, PATH);
        // In order: the error bodies (outermost, so that every error below it is rewritten), then the guard.
        RequestGuard guard = new RequestGuard(token, address.getPort());
        context.addFilter(new FilterHolder(new ErrorBodyFilter(ErrorBodyFilter.MAX_BODY, guard)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new GuardFilter(guard)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.setErrorHandler(new PlainErrorHandler());
        jetty.setHandler(context);
        jetty.setErrorHandler(new PlainErrorHandler());

        Gateway gateway;
        try {
            gateway = Gateway.start(lifecycle, broker, transport, settings, report);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        try {
            jetty.start();
        } catch (Exception e) {
            IOException failed = new IOException("cannot start the HTTP server on " + address + ": " + e.getMessage(), e);
            try {
                gateway.close();
                stop(jetty);
            } catch (RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
        return new HttpGateway(jetty, gateway, address);
    }

    /**
     * Serves until the thread is interrupted or the JVM is told to stop (Ctrl-C, SIGTERM); either way the server
     * stops listening and every plugin is stopped before this returns or the JVM ends.
     *
     * @param report where Warden's own messages go, the address first
     * @throws IOException if the port cannot be listened on
     * @throws InterruptedException if interrupted while serving (the server is stopped)
     */
    public static void serve(Lifecycle lifecycle, CapabilityBroker broker, Gateway.Settings settings,
                             Consumer<String> report, GatewayToken token, int port) throws IOException, InterruptedException {
        HttpGateway gateway = start(lifecycle, broker, settings, report, token, port);
        ServedUntilStopped.run(gateway::close, () -> {
            report.accept("warden: serving " + gateway.running().size() + " plugin(s) at " + gateway.endpoint()
                    + "; stop with Ctrl-C");
            gateway.awaitClosed();
        });
    }

    /** @return the address the server listens on (127.0.0.1 and the port) */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the MCP endpoint, {@code http://127.0.0.1:PORT/mcp} */
    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + address.getPort() + PATH);
    }

    /** @return the plugins running now */
    public List<PluginId> running() {
        return gateway.running();
    }

    /** Waits until {@link #close()} has stopped the server (from another thread, or a shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops listening, closes the MCP sessions and stops every plugin; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            gateway.close();
        } finally {
            stop(jetty);
            closed.countDown();
        }
    }

    private static void stop(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not stop: " + e.getMessage(), e);
        }
    }
}
