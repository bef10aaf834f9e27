package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

    private LocalHttps server;
    private int port;
    private final AtomicReference<String> host = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = LocalHttps.serving(dir, "api.example.com", exchange -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        port = server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GrantedHttp http(GrantedHttpFixture f) {
        return new GrantedHttp(f.grants, f.audit, name -> java.util.Optional.empty(), f.dns, f.limits,
                server.trustingSockets());
    }

    @Test
    void speaksTlsToThePinnedAddressAndVerifiesTheRequestedName() throws Exception {
        GrantedHttpFixture f = new GrantedHttpFixture().egress("https://api.example.com:" + port)
                .egress("https://127.0.0.1:" + port);
        f.dns.answer("api.example.com", "127.0.0.1");

        assertThat(http(f).send(Http.Request.get("https://api.example.com:" + port + "/")).bodyText()).isEqualTo("secure");
        assertThat(host.get()).isEqualTo("api.example.com:" + port);
        assertThat(f.dns.lookups("api.example.com")).isEqualTo(1);
    }

    @Test
    void refusesACertificateThatDoesNotNameTheRequestedHost() {
        GrantedHttpFixture f = new GrantedHttpFixture().egress("https://other.example.com:" + port)
                .egress("https://127.0.0.1:" + port);
        f.dns.answer("other.example.com", "127.0.0.1");

        assertThatThrownBy(() -> http(f).send(Http.Request.get("https://other.example.com:" + port + "/")))
                .isInstanceOf(CapabilityException.class).isNotInstanceOf(PermissionDeniedException.class);
        assertThat(host.get()).isNull();
        assertThat(f.audit.entries).hasSize(1);
        assertThat(List.copyOf(f.audit.entries).get(0).allowed()).isTrue();
    }
}
