package dev.warden.manager.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrainingStaticMarketplaceTest {

    @Test
    @Timeout(30)
    void aClientThatConnectsAndSaysNothingDoesNotHoldTheServer(@TempDir Path dir) throws Exception {
        try (TrainingStaticMarketplace market = TrainingStaticMarketplace.start(dir.resolve("market"));
             Socket silent = connect(market)) {
            try (Socket client = connect(market)) {
                OutputStream out = client.getOutputStream();
                out.write("GET /root.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = client.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);

                assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("\"signed\"");
            }
        }
    }

    @Test
    void servesNothingOutsideItsRepository(@TempDir Path dir) throws Exception {
        try (TrainingStaticMarketplace market = TrainingStaticMarketplace.start(dir.resolve("market"));
             Socket client = connect(market)) {
            client.getOutputStream().write("GET /../bundle-1.wpk HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 404");
        }
    }

    private static Socket connect(TrainingStaticMarketplace market) throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), URI.create(market.url()).getPort());
    }
}
