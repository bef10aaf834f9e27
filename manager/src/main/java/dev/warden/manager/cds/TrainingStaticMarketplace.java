package dev.warden.manager.cds;

import dev.warden.registry.tuf.TargetListing;
import dev.warden.registry.tuf.TufException;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.SigningKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * A signed static repository for the training run, served over http on 127.0.0.1 by a small server of its own,
 * so that the archive holds the classes of adding a static marketplace and of updating one (the TUF refresh of
 * timestamp, snapshot and targets, the plain-http exchange, the offer index). Made in the training's throwaway
 * folder with a throwaway key; its server answers only this machine and stops with the training.
 */
final class TrainingStaticMarketplace implements AutoCloseable {

    static final String NAME = "training-static";

    /** How long one client may take to send its request: another process of this machine that connects and says
     * nothing is dropped, not left holding the one thread that serves the training's own requests. */
    static final int REQUEST_TIMEOUT_MILLIS = 2_000;

    private final Path dir;
    private final SigningKey key;
    private final ServerSocket socket;
    private int published;

    private TrainingStaticMarketplace(Path dir, SigningKey key, ServerSocket socket) {
        this.dir = dir;
        this.key = key;
        this.socket = socket;
    }

    /** Writes a repository of one target into {@code dir} (which must not exist) and starts serving it. */
    static TrainingStaticMarketplace start(Path dir) throws IOException, TufException {
        SigningKey key = SigningKey.generate("training", new SecureRandom());
        TufRepository.init(dir.resolve("repo"), key, Clock.systemUTC());
        ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        TrainingStaticMarketplace market = new TrainingStaticMarketplace(dir, key, socket);
        market.publish();
        Thread server = new Thread(market::serve, "training-static-server");
        server.setDaemon(true);
        server.start();
        return market;
    }

    /** The location to add it from. */
    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    /** Publishes one more target: new targets, snapshot and timestamp versions, as a marketplace's update has. */
    void publish() throws IOException, TufException {
        published++;
        Path bundle = dir.resolve("bundle-" + published + ".wpk");
        Files.writeString(bundle, "training bundle " + published + "\n", StandardCharsets.UTF_8);
        String name = "trainer-" + published;
        TufRepository.publish(dir.resolve("repo"), key, bundle, new TargetListing("training/" + name, name, "1.0." + published,
                "Trains the start-up archive", List.of("training"), "training",
                List.of(new TargetListing.ListedPermission("net.egress", "https://api.example.com", 1, false))),
                Clock.systemUTC());
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(REQUEST_TIMEOUT_MILLIS);
                answer(client);
            } catch (IOException e) {
                // closed by close(), or a client that went away: the next one is served
            }
        }
    }

    // GET /path: the file under repo/, or 404; one request per connection.
    private void answer(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        for (String line = requestLine; line != null && !line.isEmpty(); line = in.readLine()) {
            // the rest of the head
        }
        String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
        Path repo = dir.resolve("repo").normalize();
        Path file = parts.length == 3 && parts[1].startsWith("/") ? repo.resolve(parts[1].substring(1)).normalize() : repo;
        byte[] body = file.startsWith(repo) && !file.equals(repo) && Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        OutputStream out = client.getOutputStream();
        String head = (body == null ? "HTTP/1.1 404 Not Found" : "HTTP/1.1 200 OK") + "\r\nContent-Length: "
                + (body == null ? 0 : body.length) + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
