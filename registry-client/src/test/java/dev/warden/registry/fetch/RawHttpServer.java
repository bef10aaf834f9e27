package dev.warden.registry.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/**
 * A one-connection HTTP server on 127.0.0.1 that misbehaves byte by byte, for what WireMock cannot
 * stage: it answers with a script and notices when the client hangs up.
 */
final class RawHttpServer implements AutoCloseable {

    /** What the server writes once it has read the request head. */
    interface Script {
        void play(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Thread thread;
    final CountDownLatch clientHungUp = new CountDownLatch(1);

    RawHttpServer(Script script) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        thread = new Thread(() -> serve(script), "raw-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    String base() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    private void serve(Script script) {
        try (Socket client = socket.accept()) {
            readHead(client.getInputStream());
            OutputStream out = client.getOutputStream();
            try {
                script.play(out);
            } catch (IOException e) {
                clientHungUp.countDown();
            }
        } catch (IOException | InterruptedException e) {
            // The test closed the server.
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) != -1; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** Writes an HTTP/1.1 200 head with the given extra header lines. */
    static void head(OutputStream out, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }
}
