package dev.warden.registry.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers staged byte by byte: endless, silent and dripping bodies, against the fetcher a location opens
 * ({@link JdkClientMisbehavingServerTest} runs them against the JDK's client).
 */
class MisbehavingServerTest {

    /** Opens the fetcher under test for {@code location}. */
    Fetcher open(String location, FetchSettings settings) throws FetchException {
        return Fetchers.open(location, settings);
    }

    private static final byte[] CHUNK = ("400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    /** Sends 1 KiB chunks without end. */
    private static final RawHttpServer.Script ENDLESS_CHUNKS = out -> {
        RawHttpServer.head(out, "Transfer-Encoding: chunked");
        while (true) {
            out.write(CHUNK);
            out.flush();
        }
    };

    @TempDir
    Path dir;

    @Test
    void refusesAnEndlessBodyWithoutLengthOnceItPassesTheLimit() throws Exception {
        try (RawHttpServer server = new RawHttpServer(ENDLESS_CHUNKS)) {
            Fetcher fetcher = open(server.base(), TestSettings.quick());

            FetchException e = catchThrowableOfType(FetchException.class,
                    () -> fetcher.fetch("timestamp.json", 16 * 1024, Optional.empty()));

            assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo(server.base() + "timestamp.json: the server sent more than 16 KiB"
                    + " (the limit for this file); the marketplace may be misconfigured or hostile");
            assertThat(server.clientHungUp.await(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void removesThePartialFileWhenADownloadGrowsPastTheLimit() throws Exception {
        Path target = dir.resolve("p.wpk");
        HttpFetcherTest.RecordingProgress progress = new HttpFetcherTest.RecordingProgress();
        try (RawHttpServer server = new RawHttpServer(ENDLESS_CHUNKS)) {
            Fetcher fetcher = open(server.base(), TestSettings.quick());

            FetchException e = catchThrowableOfType(FetchException.class,
                    () -> fetcher.download("p.wpk", 100_000, target, List.of("sha256"), progress));

            assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_LARGE);
        }
        assertThat(target).doesNotExist();
        assertThat(progress.advanced).isPositive().isLessThanOrEqualTo(100_000);
        assertThat(progress.finished).isEqualTo(1);
    }

    @Test
    void readsABodyThatEndsWithTheConnection() throws Exception {
        try (RawHttpServer server = new RawHttpServer(out -> {
            RawHttpServer.head(out, "Connection: close");
            out.write("until close".getBytes(StandardCharsets.US_ASCII));
        })) {
            Fetcher fetcher = open(server.base(), TestSettings.quick());

            FetchedBytes fetched = fetcher.fetch("x", 100, Optional.empty());

            assertThat(fetched.bytes()).asString().isEqualTo("until close");
        }
    }

    @Test
    void abortingADripOfOneBytePerSecondClosesTheConnection() throws Exception {
        try (RawHttpServer server = new RawHttpServer(out -> {
            RawHttpServer.head(out, "Content-Length: 100000");
            for (int i = 0; i < 600; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(1000);
            }
        })) {
            Fetcher fetcher = open(server.base(), TestSettings.withRetries(0));

            FetchException e = catchThrowableOfType(FetchException.class,
                    () -> fetcher.fetch("drip.bin", 1_000_000, Optional.empty()));

            assertThat(e.kind()).isEqualTo(FetchException.Kind.TOO_SLOW);
            // The server's next writes fail once the client has closed: a margin of a minute, never reached
            // unless the connection stayed open.
            assertThat(server.clientHungUp.await(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void timesOutWhenTheBodyFallsSilent() throws Exception {
        try (RawHttpServer server = new RawHttpServer(out -> {
            RawHttpServer.head(out, "Content-Length: 1000");
            out.write("first bytes".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(120_000);
        })) {
            Fetcher fetcher = open(server.base(),
                    TestSettings.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300), 0, 0));

            FetchException e = catchThrowableOfType(FetchException.class,
                    () -> fetcher.fetch("silent.bin", 1_000_000, Optional.empty()));

            assertThat(e.kind()).isEqualTo(FetchException.Kind.TIMEOUT);
            assertThat(e.getMessage()).contains(server.base() + "silent.bin", "sent nothing for 300 ms");
        }
    }
}
