package dev.warden.registry.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http fetcher against a WireMock server on 127.0.0.1, as a marketplace location opens it: on a socket of
 * its own ({@link PlainHttpExchange}). {@link JdkClientHttpFetcherTest} runs the same tests with the JDK's client.
 */
class HttpFetcherTest {

    static final long LIMIT = 16 * 1024;

    WireMockServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() {
        // Content-Length on every plain response, so that the announced-size check is exercised.
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port() + "/repo";
    }

    /** Opens the fetcher under test for {@code location}. */
    Fetcher open(String location, FetchSettings settings) throws FetchException {
        return Fetchers.open(location, settings);
    }

    private Fetcher fetcher(FetchSettings settings) throws FetchException {
        return open(base(), settings);
    }

    Fetcher fetcher() throws FetchException {
        return fetcher(TestSettings.quick());
    }

    private FetchException failure(Fetcher fetcher, String path) {
        return catchThrowableOfType(FetchException.class, () -> fetcher.fetch(path, LIMIT, Optional.empty()));
    }

    /** Fetches {@code path}, which must fail with {@code kind}; returns the failure for more checks. */
    private FetchException failure(Fetcher fetcher, String path, FetchException.Kind kind) {
        FetchException e = failure(fetcher, path);
        assertThat(e.kind()).isEqualTo(kind);
        return e;
    }

    /** The same, and the server must have been asked for {@code path} exactly {@code requests} times. */
    private FetchException failureAfter(int requests, Fetcher fetcher, String path, FetchException.Kind kind) {
        FetchException e = failure(fetcher, path, kind);
        server.verify(requests, getRequestedFor(urlEqualTo("/repo/" + path)));
        return e;
    }

    @Test
    void fetchesAFileWithItsEtagAndTheWardenUserAgent() throws Exception {
        server.stubFor(get("/repo/timestamp.json").willReturn(ok("{\"v\":1}").withHeader("ETag", "\"abc\"")));

        FetchedBytes fetched = fetcher().fetch("timestamp.json", LIMIT, Optional.empty());

        assertThat(new String(fetched.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        assertThat(fetched.etag()).contains("\"abc\"");
        assertThat(fetched.notModified()).isFalse();
        server.verify(getRequestedFor(urlEqualTo("/repo/timestamp.json"))
                .withHeader("User-Agent", equalTo("warden/0.1"))
                .withHeader("If-None-Match", absent()));
    }

    @Test
    void retriesAServerErrorAndSucceeds() throws Exception {
        assertSucceedsOnTheSecondTryAfter(status(500));
    }

    /** The first request for root.json gets {@code firstAnswer}, the second the file: one retry fetches it. */
    private void assertSucceedsOnTheSecondTryAfter(ResponseDefinitionBuilder firstAnswer) throws Exception {
        server.stubFor(get("/repo/root.json").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(firstAnswer).willSetStateTo("recovered"));
        server.stubFor(get("/repo/root.json").inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(ok("root")));

        FetchedBytes fetched = fetcher().fetch("root.json", LIMIT, Optional.empty());

        assertThat(fetched.bytes()).asString().isEqualTo("root");
        server.verify(2, getRequestedFor(urlEqualTo("/repo/root.json")));
    }

    @Test
    void failsAsServerErrorWhenTheServerKeepsFailingAfterTheRetries() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(status(503)));

        FetchException e = failureAfter(3, fetcher(TestSettings.withRetries(2)), "root.json",
                FetchException.Kind.SERVER_ERROR);

        assertThat(e.getMessage()).contains(base() + "/root.json", "503", "tried 3 times", "try again later");
    }

    @Test
    void doesNotRetryAClientError() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(status(403)));

        FetchException e = failureAfter(1, fetcher(), "root.json", FetchException.Kind.BAD_RESPONSE);

        assertThat(e.getMessage()).contains("403");
    }

    @Test
    void reportsNotFoundFor404And410() throws Exception {
        server.stubFor(get("/repo/a.json").willReturn(status(404)));
        server.stubFor(get("/repo/b.json").willReturn(status(410)));

        assertThat(failure(fetcher(), "a.json").kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        assertThat(failure(fetcher(), "b.json").kind()).isEqualTo(FetchException.Kind.NOT_FOUND);
        server.verify(1, getRequestedFor(urlEqualTo("/repo/a.json")));
    }

    @Test
    void timesOutWhenTheResponseNeverComes() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(ok("late").withFixedDelay(20_000)));
        Fetcher fetcher = fetcher(TestSettings.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), 1024, 0));

        FetchException e = failure(fetcher, "root.json", FetchException.Kind.TIMEOUT);

        assertThat(e.getMessage()).contains(base() + "/root.json", "no response within 300 ms");
    }

    @Test
    void abortsABodyThatDripsBelowTheMinimumRate() throws Exception {
        // 2 KiB over 20 s: about 100 B/s, far below 1 KiB/s.
        server.stubFor(get("/repo/snapshot.json").willReturn(ok("x".repeat(2048)).withChunkedDribbleDelay(40, 20_000)));

        FetchException e = failure(fetcher(TestSettings.withRetries(0)), "snapshot.json", FetchException.Kind.TOO_SLOW);

        assertThat(e.getMessage()).contains(base() + "/snapshot.json", "below the minimum of 1 KiB/s");
    }

    @Test
    void stopsAfterTheTotalTimeEvenWhenTheRateIsMet() throws Exception {
        server.stubFor(get("/repo/big.bin").willReturn(ok("x".repeat(4000)).withChunkedDribbleDelay(40, 20_000)));
        FetchSettings s = TestSettings.quick();
        Fetcher fetcher = fetcher(new FetchSettings(s.connectTimeout(), s.responseTimeout(), s.readTimeout(),
                Duration.ofMillis(700), 0, s.minRateGrace(), 0, s.backoff()));

        FetchException e = failure(fetcher, "big.bin", FetchException.Kind.TOO_SLOW);

        assertThat(e.getMessage()).contains("longer than 700 ms in total");
    }

    @Test
    void reportsABodyShorterThanItsContentLengthAsTruncated() throws Exception {
        server.stubFor(get("/repo/targets.json").willReturn(ok("short").withHeader("Content-Length", "1000")));

        FetchException e = failureAfter(2, fetcher(TestSettings.withRetries(1)), "targets.json",
                FetchException.Kind.TRUNCATED);

        assertThat(e.getMessage()).contains(base() + "/targets.json");
    }

    @Test
    void reportsABrokenChunkAsTruncated() throws Exception {
        server.stubFor(get("/repo/targets.json").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        failure(fetcher(TestSettings.withRetries(0)), "targets.json", FetchException.Kind.TRUNCATED);
    }

    @Test
    void reportsGarbageInsteadOfAResponseAsANetworkFailure() throws Exception {
        server.stubFor(get("/repo/targets.json").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        FetchException e = failure(fetcher(TestSettings.withRetries(0)), "targets.json", FetchException.Kind.NETWORK);

        assertThat(e.getMessage()).contains(base() + "/targets.json");
    }

    @Test
    void refusesAnAnnouncedLengthAboveTheLimitBeforeReading() throws Exception {
        server.stubFor(get("/repo/timestamp.json").willReturn(ok("x".repeat(20_000))));

        FetchException e = failureAfter(1, fetcher(), "timestamp.json", FetchException.Kind.TOO_LARGE);

        assertThat(e.getMessage()).contains(base() + "/timestamp.json", "announced 19.5 KiB", "more than 16 KiB",
                "misconfigured or hostile");
    }

    @Test
    void retriesAConnectionResetByThePeer() throws Exception {
        assertSucceedsOnTheSecondTryAfter(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    }

    @Test
    void revalidatesWithTheEtagAndReportsNotModified() throws Exception {
        server.stubFor(get("/repo/root.json").withHeader("If-None-Match", equalTo("\"v7\""))
                .willReturn(status(304).withHeader("ETag", "\"v7\"")));

        FetchedBytes fetched = fetcher().fetch("root.json", LIMIT, Optional.of("\"v7\""));

        assertThat(fetched.notModified()).isTrue();
        assertThat(fetched.bytes()).isEmpty();
        assertThat(fetched.etag()).contains("\"v7\"");
    }

    @Test
    void refusesNotModifiedToARequestWithoutEtag() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(status(304)));

        assertThat(failure(fetcher(), "root.json").kind()).isEqualTo(FetchException.Kind.BAD_RESPONSE);
    }

    @Test
    void followsARedirectWithinTheSameOrigin() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(status(302).withHeader("Location", "/mirror/root.json")));
        server.stubFor(get("/mirror/root.json").willReturn(ok("moved")));

        FetchedBytes fetched = fetcher().fetch("root.json", LIMIT, Optional.empty());

        assertThat(fetched.bytes()).asString().isEqualTo("moved");
    }

    @Test
    void refusesARedirectToAnotherPort() throws Exception {
        String elsewhere = "http://127.0.0.1:" + (server.port() == 65535 ? 65534 : server.port() + 1) + "/root.json";
        server.stubFor(get("/repo/root.json").willReturn(status(301).withHeader("Location", elsewhere)));

        FetchException e = failure(fetcher(), "root.json", FetchException.Kind.REDIRECT_REFUSED);

        assertThat(e.getMessage()).contains(base() + "/root.json", elsewhere);
    }

    @Test
    void refusesARedirectToAnotherHost() throws Exception {
        server.stubFor(get("/repo/root.json").willReturn(status(307)
                .withHeader("Location", "http://evil.example/root.json")));

        FetchException e = failure(fetcher(), "root.json", FetchException.Kind.REDIRECT_REFUSED);

        assertThat(e.getMessage()).contains(base() + "/root.json", "http://evil.example/root.json");
    }

    @Test
    void refusesMoreThanFiveRedirects() throws Exception {
        server.stubFor(get("/repo/loop.json").willReturn(status(302).withHeader("Location", "/repo/loop.json")));

        FetchException e = failureAfter(6, fetcher(), "loop.json", FetchException.Kind.REDIRECT_REFUSED);

        assertThat(e.getMessage()).contains("more than 5 redirects");
    }

    @Test
    void refusesBadPathsWithoutSendingAnything() throws Exception {
        Fetcher fetcher = fetcher();
        for (String path : List.of("../secret", "/etc/passwd", "a/%2e%2e/b", "a\\b", "http://evil/x", "a/./b")) {
            assertThat(failure(fetcher, path).kind()).as(path).isEqualTo(FetchException.Kind.BAD_PATH);
        }
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void encodesPathCharactersSoTheServerSeesTheCheckedPath() throws Exception {
        server.stubFor(get("/repo/targets/a%20b.json").willReturn(ok("spaced")));

        FetchedBytes fetched = fetcher().fetch("targets/a b.json", LIMIT, Optional.empty());

        assertThat(fetched.bytes()).asString().isEqualTo("spaced");
    }

    @Test
    void downloadsAFileWhoseHashesMatchTheBody() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        server.stubFor(get("/repo/plugins/p.wpk").willReturn(ok().withBody(body)));
        Path target = dir.resolve("p.wpk");
        RecordingProgress progress = new RecordingProgress();

        FetchedFile file = fetcher().download("plugins/p.wpk", 1_000_000, target, List.of("sha256", "sha512"), progress);

        assertThat(file.file()).isEqualTo(target);
        assertThat(file.length()).isEqualTo(body.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(file.hashes()).containsEntry("sha256", hex("SHA-256", body)).containsEntry("sha512", hex("SHA-512", body));
        assertThat(progress.total).isEqualTo(body.length);
        assertThat(progress.advanced).isEqualTo(body.length);
        assertThat(progress.finished).isEqualTo(1);
    }

    @Test
    void downloadHashesMatchAKnownVector() throws Exception {
        server.stubFor(get("/repo/abc").willReturn(ok("abc")));

        FetchedFile file = fetcher().download("abc", 10, dir.resolve("abc"), List.of("sha256"), Progress.none());

        // sha256sum of "abc" (FIPS 180-2 test vector).
        assertThat(file.hashes()).containsExactly(
                java.util.Map.entry("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void removesThePartialFileWhenADownloadIsTruncated() throws Exception {
        server.stubFor(get("/repo/p.wpk").willReturn(ok("short").withHeader("Content-Length", "1000")));
        Path target = dir.resolve("p.wpk");

        assertThatThrownBy(() -> fetcher(TestSettings.withRetries(0))
                .download("p.wpk", 20_000, target, List.of("sha256"), Progress.none()))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.TRUNCATED));
        assertThat(target).doesNotExist();
    }

    @Test
    void keepsAnExistingFileWhenNothingWasDownloaded() throws Exception {
        server.stubFor(get("/repo/p.wpk").willReturn(status(404)));
        Path target = Files.writeString(dir.resolve("p.wpk"), "previous");

        assertThatThrownBy(() -> fetcher().download("p.wpk", 20_000, target, List.of("sha256"), Progress.none()))
                .isInstanceOf(FetchException.class);
        assertThat(target).hasContent("previous");
    }

    @Test
    void refusesAnUnknownHashAlgorithmBeforeFetching() throws Exception {
        Fetcher fetcher = fetcher();

        assertThatThrownBy(() -> fetcher.download("p.wpk", 10, dir.resolve("p"), List.of("md5"), Progress.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("md5");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private static String hex(String algorithm, byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
    }

    /** Counts what a download reports. */
    static final class RecordingProgress implements Progress {
        long total;
        long advanced;
        int finished;

        @Override
        public synchronized void start(String label, long totalBytes) {
            total = totalBytes;
            advanced = 0;
        }

        @Override
        public synchronized void advance(long bytes) {
            advanced += bytes;
        }

        @Override
        public synchronized void finish() {
            finished++;
        }
    }
}
