package dev.warden.manager.runtime;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import dev.warden.api.capability.Secrets;
import dev.warden.catalog.manifest.PermissionKind;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that reach (or must not reach) servers on 127.0.0.1, with a fake resolver that makes
 * {@code api.example.com} and friends point wherever each test needs.
 */
class GrantedHttpNetworkTest {

    private static final String SECRET = "tok-5up3r-s3cret";

    private WireMockServer server;
    private WireMockServer other;
    private int port;
    private GrantedHttpFixture fixture;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        other = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        other.start();
        port = server.port();
        fixture = new GrantedHttpFixture()
                .egress("http://api.example.com:" + port)
                .egress("http://127.0.0.1:" + port);
        fixture.dns.answer("api.example.com", "127.0.0.1");
    }

    @AfterEach
    void stop() {
        server.stop();
        other.stop();
    }

    private String url(String path) {
        return "http://api.example.com:" + port + path;
    }

    @Test
    void sendsToTheCheckedAddressWithTheOriginalHostHeader() throws Exception {
        server.stubFor(get("/v1/items?page=2").willReturn(aResponse().withStatus(200)
                .withHeader("X-Answer", "42").withBody("hello")));

        Http.Response response = fixture.http().send(Http.Request.get(url("/v1/items?page=2"))
                .withHeader("Accept", "text/plain"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("hello");
        assertThat(response.header("x-answer")).contains("42");
        server.verify(getRequestedFor(urlEqualTo("/v1/items?page=2"))
                .withHeader("Host", equalTo("api.example.com:" + port))
                .withHeader("Accept", equalTo("text/plain")));
        assertThat(fixture.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PermissionKind.NET_EGRESS);
            assertThat(e.target()).isEqualTo("http://api.example.com:" + port + "/v1/items");
            assertThat(e.allowed()).isTrue();
            assertThat(e.detail()).contains("GET to 127.0.0.1");
        });
    }

    @Test
    void sendsBodiesAndReadsChunkedAnswers() throws Exception {
        server.stubFor(post("/echo").willReturn(aResponse().withStatus(201).withBody("x".repeat(20_000))
                .withChunkedDribbleDelay(4, 20)));

        Http.Response response = fixture.http().send(Http.Request.post(url("/echo"), "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).hasSize(20_000);
        server.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/echo"))
                .withRequestBody(equalTo("{\"a\":1}")).withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void readsEveryNotationOfAGrantedAddressAsThatAddress() throws Exception {
        server.stubFor(get("/").willReturn(aResponse().withStatus(204)));
        for (String host : new String[] {"2130706433", "0x7f.1", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]"}) {
            assertThat(fixture.http().send(Http.Request.get("http://" + host + ":" + port + "/")).status()).isEqualTo(204);
        }
    }

    @Test
    void refusesAGrantedNameThatResolvesToLoopbackUnlessLoopbackIsGranted() {
        GrantedHttpFixture nameOnly = new GrantedHttpFixture().egress("http://api.example.com:" + port);
        nameOnly.dns.answer("api.example.com", "127.0.0.1");

        assertThatThrownBy(() -> nameOnly.http().send(Http.Request.get(url("/"))))
                .isInstanceOf(PermissionDeniedException.class);

        server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(nameOnly.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.allowed()).isFalse();
            assertThat(e.detail()).contains("127.0.0.1", "loopback");
        });
    }

    @Test
    void refusesGrantedNamesThatResolveToPrivateLinkLocalOrMetadataAddresses() {
        String[][] answers = {{"10.1.2.3"}, {"192.168.1.1"}, {"172.16.0.9"}, {"169.254.169.254"}, {"169.254.3.4"},
            {"fd00:ec2::254"}, {"fe80::1"}, {"::1"}, {"0.0.0.0"}, {"224.0.0.1"}, {"::ffff:10.0.0.1"},
            {"93.184.216.34", "10.0.0.1"}};
        for (String[] answer : answers) {
            GrantedHttpFixture f = new GrantedHttpFixture().egress("https://api.example.com").egress("https://*");
            f.dns.answer("api.example.com", answer);
            assertThatThrownBy(() -> f.http().send(Http.Request.get("https://api.example.com/")))
                    .as(String.join(",", answer))
                    .isInstanceOfSatisfying(PermissionDeniedException.class,
                            e -> assertThat(e.target()).isEqualTo("https://api.example.com:443/"));
            assertThat(f.audit.entries).singleElement().satisfies(e -> assertThat(e.allowed()).isFalse());
        }
    }

    @Test
    void refusesTheMetadataAddressWrittenAsALiteralEvenUnderAnAnyHostGrant() {
        GrantedHttpFixture f = new GrantedHttpFixture().egress("http://*");
        assertThatThrownBy(() -> f.http().send(Http.Request.get("http://2852039166/latest/meta-data/")))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.target()).isEqualTo("http://169.254.169.254:80/latest/meta-data/"));
        assertThat(f.audit.entries).singleElement().satisfies(e -> assertThat(e.detail()).contains("cloud metadata"));
    }

    @Test
    void allowsLocalhostWhenLocalhostItselfIsGranted() throws Exception {
        server.stubFor(get("/").willReturn(aResponse().withStatus(200)));
        GrantedHttpFixture f = new GrantedHttpFixture().egress("http://localhost:" + port);
        f.dns.answer("localhost", "127.0.0.1");
        assertThat(f.http().send(Http.Request.get("http://localhost:" + port + "/")).status()).isEqualTo(200);
    }

    @Test
    void connectsToTheFirstCheckedAnswerAndNeverLooksUpAgain() throws Exception {
        server.stubFor(get("/").willReturn(aResponse().withStatus(200)));
        GrantedHttpFixture f = new GrantedHttpFixture()
                .egress("http://rebind.example.com:" + port)
                .egress("http://127.0.0.1:" + port);
        // the checked (and granted) answer first; a rebinding attacker would answer a private address on a second lookup
        f.dns.answer("rebind.example.com", "127.0.0.1").answer("rebind.example.com", "10.0.0.9");

        assertThat(f.http().send(Http.Request.get("http://rebind.example.com:" + port + "/")).status()).isEqualTo(200);

        assertThat(f.dns.lookups("rebind.example.com")).isEqualTo(1);
        server.verify(1, getRequestedFor(urlEqualTo("/")).withHeader("Host", equalTo("rebind.example.com:" + port)));
    }

    @Test
    void followsGrantedRedirectsAndAuditsEachHop() throws Exception {
        server.stubFor(get("/a").willReturn(aResponse().withStatus(302).withHeader("Location", "/b#frag")));
        server.stubFor(get("/b").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://127.0.0.1:" + port + "/c")));
        server.stubFor(get("/c").willReturn(aResponse().withStatus(200).withBody("done")));

        Http.Response response = fixture.http().send(Http.Request.get(url("/a")));

        assertThat(response.bodyText()).isEqualTo("done");
        assertThat(fixture.audit.of(PermissionKind.NET_EGRESS)).extracting(RecordingAudit.Entry::target)
                .containsExactly(url("/a"), url("/b"), "http://127.0.0.1:" + port + "/c");
        assertThat(fixture.audit.entries).allSatisfy(e -> assertThat(e.allowed()).isTrue());
    }

    @Test
    void refusesARedirectToAnUngrantedHost() {
        server.stubFor(get("/a").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://evil.net:" + port + "/steal")));

        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/a"))))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.target()).isEqualTo("http://evil.net:" + port + "/steal"));

        assertThat(fixture.audit.entries).extracting(RecordingAudit.Entry::allowed).containsExactly(true, false);
        assertThat(fixture.dns.lookups("evil.net")).isZero();
    }

    @Test
    void refusesARedirectToAGrantedNameThatResolvesToAPrivateAddress() {
        fixture.egress("http://internal.example.com:" + port);
        fixture.dns.answer("internal.example.com", "10.0.0.7");
        server.stubFor(get("/a").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://internal.example.com:" + port + "/admin")));

        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/a"))))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(fixture.audit.entries.get(1).detail()).contains("10.0.0.7", "private");
    }

    @Test
    void refusesARedirectWithUserInformation() {
        server.stubFor(get("/a").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://api.example.com:" + port + "@evil.net/")));
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/a"))))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void stopsAfterFiveRedirects() {
        server.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/loop"))))
                .isInstanceOf(CapabilityException.LimitExceeded.class).hasMessageContaining("5 redirects");
        assertThat(fixture.audit.entries).hasSize(6);
    }

    @Test
    void turnsAPostIntoAGetOnSeeOther() throws Exception {
        server.stubFor(post("/form").willReturn(aResponse().withStatus(303).withHeader("Location", "/result")));
        server.stubFor(get("/result").willReturn(aResponse().withStatus(200).withBody("ok")));
        Http.Response response = fixture.http().send(Http.Request.post(url("/form"), "text/plain", new byte[] {1}));
        assertThat(response.bodyText()).isEqualTo("ok");
        server.verify(getRequestedFor(urlEqualTo("/result")).withHeader("Content-Type", absent()));
    }

    @Test
    void injectsASecretOnlyForTheHostItsGrantNames() throws Exception {
        fixture.secret("secret:api-token@api.example.com").stored("api-token", SECRET);
        server.stubFor(get("/me").willReturn(aResponse().withStatus(200)
                .withHeader("X-Echo", "Bearer " + SECRET).withBody("you sent " + SECRET)));

        Http.Response response = fixture.http().send(Http.Request.get(url("/me"))
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token")));

        server.verify(getRequestedFor(urlEqualTo("/me")).withHeader("Authorization", equalTo("Bearer " + SECRET)));
        assertThat(response.bodyText()).isEqualTo("you sent [redacted]");
        assertThat(response.header("x-echo")).contains("Bearer [redacted]");
        assertThat(fixture.audit.entries).extracting(RecordingAudit.Entry::kind)
                .containsExactly(PermissionKind.SECRET_USE, PermissionKind.NET_EGRESS);
        assertThat(fixture.audit.entries.toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesASecretNotGrantedForThisHost() {
        fixture.egress("http://other.example.com:" + port)
                .secret("secret:api-token@api.example.com").stored("api-token", SECRET);
        fixture.dns.answer("other.example.com", "127.0.0.1");

        assertThatThrownBy(() -> fixture.http().send(Http.Request.get("http://other.example.com:" + port + "/")
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token"))))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(PermissionKind.SECRET_USE.id());
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
        server.verify(0, anyRequestedFor(anyUrl()));
        assertThat(fixture.audit.entries).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PermissionKind.SECRET_USE);
            assertThat(e.allowed()).isFalse();
        });
    }

    @Test
    void neverCarriesASecretAcrossARedirectToAnotherHost() throws Exception {
        int otherPort = other.port();
        fixture.egress("http://other.example.com:" + otherPort).egress("http://127.0.0.1:" + otherPort)
                .secret("secret:api-token@api.example.com").secret("secret:api-token@other.example.com")
                .stored("api-token", SECRET);
        fixture.dns.answer("other.example.com", "127.0.0.1");
        server.stubFor(get("/a").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://other.example.com:" + otherPort + "/b")));
        other.stubFor(get("/b").willReturn(aResponse().withStatus(200).withBody("b")));

        Http.Response response = fixture.http().send(Http.Request.get(url("/a"))
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token")));

        assertThat(response.bodyText()).isEqualTo("b");
        server.verify(getRequestedFor(urlEqualTo("/a")).withHeader("Authorization", equalTo("Bearer " + SECRET)));
        other.verify(getRequestedFor(urlEqualTo("/b")).withHeader("Authorization", absent())
                .withHeader("Host", equalTo("other.example.com:" + otherPort)));
        assertThat(fixture.audit.of(PermissionKind.NET_EGRESS).get(1).detail()).contains("secret headers dropped");
    }

    @Test
    void redactsASecretEchoedInARedirectLocation() throws Exception {
        fixture.secret("secret:api-token@api.example.com").stored("api-token", SECRET);
        server.stubFor(get("/a").willReturn(aResponse().withStatus(302).withHeader("Location", "/b?t=" + SECRET)));
        server.stubFor(get(urlEqualTo("/b?t=%5Bredacted%5D")).willReturn(aResponse().withStatus(200)));
        server.stubFor(get(urlEqualTo("/b?t=[redacted]")).willReturn(aResponse().withStatus(200)));

        fixture.http().send(Http.Request.get(url("/a"))
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token")));

        assertThat(server.getAllServeEvents()).noneSatisfy(
                e -> assertThat(e.getRequest().getUrl()).contains(SECRET));
    }

    @Test
    void failsWhenAGrantedSecretIsNotStored() {
        fixture.secret("secret:api-token@api.example.com");
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/"))
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token"))))
                .isInstanceOf(CapabilityException.class).hasMessageContaining("warden secret set api-token");
    }

    @Test
    void refusesAResponseLargerThanTheLimit() {
        fixture.limits = new HttpLimits(1000, Duration.ofSeconds(2), Duration.ofSeconds(10));
        server.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody("x".repeat(1001))));
        server.stubFor(get("/chunked").willReturn(aResponse().withStatus(200).withBody("x".repeat(5000))
                .withChunkedDribbleDelay(5, 10)));

        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/big"))))
                .isInstanceOf(CapabilityException.LimitExceeded.class).hasMessageContaining("1000 bytes");
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/chunked"))))
                .isInstanceOf(CapabilityException.LimitExceeded.class);
    }

    @Test
    void refusesAnAnswerSlowerThanTheTotalLimit() {
        fixture.limits = new HttpLimits(1000, Duration.ofSeconds(2), Duration.ofMillis(400));
        server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/slow"))))
                .isInstanceOf(CapabilityException.LimitExceeded.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void honoursTheRequestsShorterTimeout() {
        server.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
        assertThatThrownBy(() -> fixture.http().send(Http.Request.get(url("/slow")).withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(CapabilityException.LimitExceeded.class);
    }

    @Test
    void reportsAConnectionFailureWithoutTheSecret() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, GrantedHttpFixture.ip("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        GrantedHttpFixture f = new GrantedHttpFixture().egress("http://api.example.com:" + closed)
                .egress("http://127.0.0.1:" + closed).secret("secret:api-token@api.example.com")
                .stored("api-token", SECRET);
        f.dns.answer("api.example.com", "127.0.0.1");

        assertThatThrownBy(() -> f.http().send(Http.Request.get("http://api.example.com:" + closed + "/")
                .withSecretHeader("Authorization", "Bearer ", new Secrets.Ref("api-token"))))
                .isInstanceOf(CapabilityException.class)
                .isNotInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("api.example.com")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refusesHeadersThatCouldSmuggleARequestOrAnotherHost() {
        GrantedHttp http = fixture.http();
        assertThatThrownBy(() -> http.send(Http.Request.get(url("/")).withHeader("X-A", "1\r\nHost: evil.net")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> http.send(Http.Request.get(url("/")).withHeader("Host", "evil.net")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> http.send(Http.Request.get(url("/")).withHeader("Transfer-Encoding", "chunked")))
                .isInstanceOf(IllegalArgumentException.class);
        server.verify(0, anyRequestedFor(anyUrl()));
    }
}
