package dev.warden.manager.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain static file server on 127.0.0.1, like the web server a marketplace operator would put in
 * front of a repository folder: GET of a file under the root, 404 for anything else, nothing more.
 */
public final class StaticServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path root;
    private final List<String> withheld;
    private final AtomicInteger requests = new AtomicInteger();

    private StaticServer(Path root, List<String> withheld) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.withheld = List.copyOf(withheld);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code root} until closed. */
    public static StaticServer serve(Path root) throws IOException {
        return new StaticServer(root, List.of());
    }

    /** Serves {@code root} until closed, answering 404 for everything in the {@code withheld} folders (e.g. {@code dev/warden/}). */
    public static StaticServer serveWithholding(Path root, String... withheld) throws IOException {
        return new StaticServer(root, List.of(withheld));
    }

    /** The base URL, ending in {@code /}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** How many requests were answered. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            String path = URI.create(exchange.getRequestURI().getRawPath()).getPath();
            Path file = root.resolve(path.substring(1)).normalize();
            boolean held = withheld.stream().anyMatch(folder -> file.startsWith(root.resolve(folder)));
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(root) || !Files.isRegularFile(file) || held) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
