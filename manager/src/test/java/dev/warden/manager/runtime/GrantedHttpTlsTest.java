package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.HttpRequest;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https over the pinned socket: the connection goes to the checked address, and the certificate is
 * verified against the name the plugin asked for. The server's certificate names {@code api.example.com}.
 */
class GrantedHttpTlsTest {

    @TempDir
    Path dir;

    private HttpsServer server;
    private SSLContext context;
    private int port;
    private final AtomicReference<String> host = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=api.example.com",
                "-ext", "SAN=dns:api.example.com", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        try (InputStream out = keytool.getInputStream()) {
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(text).isZero();
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(GrantedHttpFixture.ip("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private GrantedHttp http(GrantedHttpFixture f) {
        return new GrantedHttp(f.grants, f.audit, name -> java.util.Optional.empty(), f.dns, f.limits,
                context.getSocketFactory());
    }

    @Test
    void speaksTlsToThePinnedAddressAndVerifiesTheRequestedName() throws Exception {
        GrantedHttpFixture f = new GrantedHttpFixture().egress("https://api.example.com:" + port)
                .egress("https://127.0.0.1:" + port);
        f.dns.answer("api.example.com", "127.0.0.1");

        assertThat(http(f).send(HttpRequest.get("https://api.example.com:" + port + "/")).bodyText()).isEqualTo("secure");
        assertThat(host.get()).isEqualTo("api.example.com:" + port);
        assertThat(f.dns.lookups("api.example.com")).isEqualTo(1);
    }

    @Test
    void refusesACertificateThatDoesNotNameTheRequestedHost() {
        GrantedHttpFixture f = new GrantedHttpFixture().egress("https://other.example.com:" + port)
                .egress("https://127.0.0.1:" + port);
        f.dns.answer("other.example.com", "127.0.0.1");

        assertThatThrownBy(() -> http(f).send(HttpRequest.get("https://other.example.com:" + port + "/")))
                .isInstanceOf(CapabilityException.class).isNotInstanceOf(PermissionDeniedException.class);
        assertThat(host.get()).isNull();
        assertThat(f.audit.entries).hasSize(1);
        assertThat(List.copyOf(f.audit.entries).get(0).allowed()).isTrue();
    }
}
