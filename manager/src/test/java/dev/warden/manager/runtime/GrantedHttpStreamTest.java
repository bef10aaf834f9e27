package dev.warden.manager.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GrantedHttp#stream}: a long-lived answer read as it arrives, behind every check {@code send} makes. */
class GrantedHttpStreamTest {

    private WireMockServer server;
    private int port;
    private GrantedHttpFixture fixture;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        port = server.port();
        fixture = new GrantedHttpFixture().egress("http://mcp.example.com:" + port);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String url(String path) {
        return "http://mcp.example.com:" + port + path;
    }

    @Test
    void readsAChunkedBodyAsItArrivesWellPastTheRequestsTimeout() throws Exception {
        fixture.egress("http://127.0.0.1:" + port);
        fixture.dns.answer("mcp.example.com", "127.0.0.1");
        server.stubFor(get("/sse").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody("event: endpoint\ndata: /message\n\n").withChunkedDribbleDelay(4, 1500)));

        try (GrantedHttp.Streamed stream = fixture.http().stream(Http.Request.get(url("/sse"))
                .withTimeout(Duration.ofMillis(700)))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers()).containsKey("content-type");
            assertThat(new String(stream.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("event: endpoint\ndata: /message\n\n");
        }
        assertThat(fixture.audit.entries).singleElement().satisfies(e -> assertThat(e.allowed()).isTrue());
    }

    @Test
    void eachStreamLooksTheNameUpAndChecksTheAnswerAgain() throws Exception {
        fixture.egress("http://127.0.0.1:" + port);
        fixture.dns.answer("mcp.example.com", "127.0.0.1").answer("mcp.example.com", "169.254.169.254");
        server.stubFor(get("/sse").willReturn(aResponse().withBody("data: x\n\n")));

        fixture.http().stream(Http.Request.get(url("/sse"))).close();

        assertThatThrownBy(() -> fixture.http().stream(Http.Request.get(url("/sse"))))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(fixture.audit.entries.get(1).detail()).contains("169.254.169.254");
        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/sse")));
    }

    @Test
    void followsARedirectWithinTheOriginAndRefusesOneToAnotherOrALoop() throws Exception {
        fixture.egress("http://127.0.0.1:" + port);
        fixture.dns.answer("mcp.example.com", "127.0.0.1");
        server.stubFor(get("/old").willReturn(aResponse().withStatus(308).withHeader("Location", "/sse")));
        server.stubFor(get("/sse").willReturn(aResponse().withBody("data: moved\n\n")));
        server.stubFor(get("/away").willReturn(aResponse().withStatus(302).withHeader("Location", "http://10.0.0.8/sse")));
        server.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        GrantedHttp http = fixture.http().originOnly();

        try (GrantedHttp.Streamed moved = http.stream(Http.Request.get(url("/old")))) {
            assertThat(new String(moved.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("data: moved\n\n");
        }
        assertThatThrownBy(() -> http.stream(Http.Request.get(url("/away"))))
                .hasMessageContaining("refused a redirect from http://mcp.example.com:" + port + " to another origin");
        assertThatThrownBy(() -> http.stream(Http.Request.get(url("/loop"))))
                .isInstanceOf(CapabilityException.LimitExceeded.class).hasMessageContaining("5 redirects");
    }

    @Test
    void refusesAnUngrantedOrigin() {
        assertThatThrownBy(() -> fixture.http().stream(Http.Request.get("http://evil.example.com/sse")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(fixture.dns.lookups("evil.example.com")).isZero();
    }
}
