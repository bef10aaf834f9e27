package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.sha256;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deflated entry above {@link CheckedBundle#PIPELINE_THRESHOLD} that outweighs the rest of its bundle
 * is inflated on one thread and hashed on another: it must pass and fail exactly as on one thread, and
 * leave no thread behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeEntryTest {

    private static final int MIB = 1 << 20;
    private static final String BIG = "data/big.bin";

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    /** Blocks of random bytes (stored by deflate) and of text (compressed) in turn, like the benchmark's file. */
    private static byte[] mixed(int size, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[size];
        byte[] letters = "abcdefghijklmnopqrstuvwxyz \n".getBytes(StandardCharsets.US_ASCII);
        for (int block = 0; block * 65536 < size; block++) {
            int from = block * 65536;
            int to = Math.min(size, from + 65536);
            for (int i = from; i < to; i++) {
                bytes[i] = block % 2 == 0 ? (byte) random.nextInt() : letters[random.nextInt(letters.length)];
            }
        }
        return bytes;
    }

    private static List<String> checkThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(ScopedExecutor.THREAD_PREFIX)).toList();
    }

    /** Whether the verifier takes the two-thread path for the large entry of {@code bundle}, on two cores. */
    /** Refused by verify and extract alike, on the two-thread path, leaving no check thread behind. */
    private BundleException assertRefusedOnTwoThreads(Path bundle, Failure failure) throws Exception {
        assertThat(inflatesAhead(bundle)).as("the entry takes the two-thread path").isTrue();
        BundleException e = assertRefused(verifier, bundle, tmp, failure, BIG);
        assertThat(checkThreadsAlive()).isEmpty();
        return e;
    }

    private static boolean inflatesAhead(Path bundle) throws Exception {
        ZipDirectory directory = ZipDirectory.readBundle(ByteSource.of(Files.readAllBytes(bundle)), BundleLimits.defaults());
        ZipEntryRecord big = directory.entries().stream().filter(e -> e.name().equals(BIG)).findFirst().orElseThrow();
        return CheckedBundle.inflatesAhead(big, directory.totalSize(), 2);
    }

    // 3 MiB above the threshold the bundle stays under 8 MiB and is checked on the calling thread plus a
    // hashing thread; 6 MiB above, on two workers, one of which hands the large entry to a hashing thread.
    @ParameterizedTest
    @ValueSource(ints = {3, 6})
    void verifiesAndExtractsALargeEntryInflatedAndHashedOnTwoThreads(int mibAboveThreshold) throws Exception {
        byte[] content = mixed((int) CheckedBundle.PIPELINE_THRESHOLD + mibAboveThreshold * MIB + 4321, 11);
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put(BIG, content);
        Path bundle = packAndSign(tmp, "large-entry", files, acme);
        assertThat(inflatesAhead(bundle)).as("the entry takes the two-thread path").isTrue();

        VerifiedBundle verified = verifier.verify(bundle);
        Path staging = tmp.resolve("staging");
        verifier.verifyAndExtract(bundle, staging);

        assertThat(verified.files()).filteredOn(f -> f.path().equals(BIG)).singleElement()
                .satisfies(f -> assertThat(f.sha256()).isEqualTo(sha256(content)));
        assertThat(staging.resolve(BIG)).hasBinaryContent(content);
        assertThat(checkThreadsAlive()).isEmpty();
    }

    @Test
    void refusesAByteFlippedDeepInsideALargeEntryAndLeavesNoThreadRunning() throws Exception {
        byte[] content = mixed((int) CheckedBundle.PIPELINE_THRESHOLD + 3 * MIB + 4321, 12);
        byte[] flipped = content.clone();
        flipped[flipped.length - MIB - 12_345] ^= 0x01;   // in the last chunks, long after hashing started
        // files.json lists the original; the entry holds the flipped copy with a CRC that matches it.
        ZipBuilder zip = signedZip(acme, Map.of(BIG, content)).remove(BIG);
        zip.add(BIG, flipped);
        Path bundle = zip.write(tmp.resolve("large-entry-one-byte-flipped.wpk"));
        BundleException e = assertRefusedOnTwoThreads(bundle, Failure.CONTENT_MISMATCH);

        assertThat(e.getMessage()).contains("SHA-256");
    }

    @Test
    void refusesALargeEntryWhoseBytesFailTheirZipCrc() throws Exception {
        byte[] content = mixed((int) CheckedBundle.PIPELINE_THRESHOLD + 3 * MIB + 4321, 13);
        Path bundle = signedZip(acme, Map.of(BIG, content)).entry(BIG).centralCrc(0x1234_5678L).localCrc(0x1234_5678L)
                .and().write(tmp.resolve("large-entry-wrong-crc.wpk"));
        BundleException e = assertRefusedOnTwoThreads(bundle, Failure.CONTENT_MISMATCH);

        assertThat(e.getMessage()).contains("CRC");
    }

    @Test
    void stopsADeflateBombInsideALargeEntryAtTheFirstExtraByte() throws Exception {
        int declared = (int) CheckedBundle.PIPELINE_THRESHOLD + 4 * MIB + 4321;
        Path bundle = signedZip(acme, Map.of(BIG, new byte[declared])).entry(BIG)
                .compressedData(ZipBuilder.zeroBomb(1024), declared).and().write(tmp.resolve("large-entry-bomb.wpk"));
        BundleException e = assertRefusedOnTwoThreads(bundle, Failure.LIMIT_EXCEEDED);

        // 1 GiB would come out; the inflater stopped one byte after the declared size, in verify and in extract.
        assertThat(e.getMessage()).contains("stopped at " + (declared + 1L));
    }

    @Test
    void inflatesAheadOnlyALargeDeflatedEntryThatOutweighsTheRestOfItsBundle() {
        long threshold = CheckedBundle.PIPELINE_THRESHOLD;
        ZipEntryRecord large = record(ZipEntryRecord.DEFLATED, threshold + 1);

        assertThat(CheckedBundle.inflatesAhead(large, threshold + 100, 2)).isTrue();
        assertThat(CheckedBundle.inflatesAhead(large, 2 * threshold + 2, 2)).as("no more than half the bundle").isFalse();
        assertThat(CheckedBundle.inflatesAhead(large, threshold + 100, 1)).as("a single core").isFalse();
        assertThat(CheckedBundle.inflatesAhead(record(ZipEntryRecord.STORED, threshold + 1), threshold + 100, 2))
                .as("stored: nothing to inflate").isFalse();
        assertThat(CheckedBundle.inflatesAhead(record(ZipEntryRecord.DEFLATED, threshold - 1), threshold, 2))
                .as("below the threshold").isFalse();
    }

    private static ZipEntryRecord record(int method, long size) {
        return new ZipEntryRecord(0, BIG, method, 0, 0, size / 2, size, 0, 0, size / 2, 0, new byte[0]);
    }

    /** Buffers in the hand-off of the streamers below: small, so that the ring wraps and the inflater waits. */
    private static final int RING = 2;

    /** A zip of one deflated entry of a bit over twice the {@link #RING}, built once for the class. */
    private record Streamed(ByteSource source, ZipEntryRecord entry, byte[] content) {
        private static Streamed built;

        static synchronized Streamed twiceTheRing() throws Exception {
            if (built == null) {
                byte[] content = mixed(2 * RING * EntryStreamer.CHUNK + 777, 14);
                ByteSource source = ByteSource.of(new ZipBuilder().add(BIG, content).and().build());
                built = new Streamed(source, ZipDirectory.readBundle(source, BundleLimits.defaults()).entries().get(0),
                        content);
            }
            return built;
        }
    }

    @Test
    void feedsTheSinkOnTheHashingThreadInOrderAndReturnsTheSha256() throws Exception {
        Streamed big = Streamed.twiceTheRing();
        Set<String> sinkThreads = Collections.synchronizedSet(new java.util.HashSet<>());
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] digest;
        try (EntryStreamer streamer = new EntryStreamer(RING); ScopedExecutor hashing = new ScopedExecutor(1, "test")) {
            digest = streamer.stream(big.source(), big.entry(), BIG, (bytes, off, len) -> {
                sinkThreads.add(Thread.currentThread().getName());
                received.write(bytes, off, len);
            }, hashing);
        }

        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(sha256(big.content()));
        assertThat(received.toByteArray()).isEqualTo(big.content());
        assertThat(sinkThreads).containsExactly(ScopedExecutor.THREAD_PREFIX + "test");
        assertThat(checkThreadsAlive()).isEmpty();
    }

    @Test
    void reportsAFailingSinkExactlyAsOnOneThreadAndCallsItNoMore() throws Exception {
        Streamed big = Streamed.twiceTheRing();
        AtomicInteger calls = new AtomicInteger();
        EntryStreamer.Sink failsOnTheSecondChunk = (bytes, off, len) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IOException("disk full");
            }
        };
        AtomicReference<BundleException> serial = new AtomicReference<>();
        try (EntryStreamer streamer = new EntryStreamer()) {
            calls.set(0);
            serial.set(catchThrowableOfType(BundleException.class,
                    () -> streamer.stream(big.source(), big.entry(), BIG, failsOnTheSecondChunk)));
        }
        BundleException piped;
        try (EntryStreamer streamer = new EntryStreamer(RING); ScopedExecutor hashing = new ScopedExecutor(1, "test")) {
            calls.set(0);
            piped = catchThrowableOfType(BundleException.class,
                    () -> streamer.stream(big.source(), big.entry(), BIG, failsOnTheSecondChunk, hashing));
        }

        assertThat(piped).isNotNull();
        assertThat(piped.failure()).isEqualTo(serial.get().failure()).isEqualTo(Failure.IO);
        assertThat(piped.getMessage()).isEqualTo(serial.get().getMessage()).contains(BIG, "disk full");
        assertThat(calls.get()).as("the sink is not called after it failed").isEqualTo(2);
        assertThat(checkThreadsAlive()).isEmpty();
    }

    @Test
    void anInterruptedStreamEndsItsHashingTaskAndReportsIo() throws Exception {
        Streamed big = Streamed.twiceTheRing();
        CountDownLatch sinkWaits = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<Throwable> sinkSaw = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try (EntryStreamer streamer = new EntryStreamer(RING); ScopedExecutor hashing = new ScopedExecutor(1, "test")) {
                outcome.set(streamer.stream(big.source(), big.entry(), BIG, (bytes, off, len) -> {
                    sinkWaits.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        sinkSaw.add(e);
                        throw new java.io.InterruptedIOException("sink interrupted");
                    }
                }, hashing));
            } catch (BundleException e) {
                outcome.set(e);
            }
            if (Thread.currentThread().isInterrupted()) {
                sinkSaw.add(new InterruptedException("the caller keeps its interrupt"));
            }
        }, "large-entry-test-caller");
        caller.start();
        assertThat(sinkWaits.await(20, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(20_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOfSatisfying(BundleException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.IO);
            assertThat(e.entry()).contains(BIG);
            assertThat(e.getCause()).isInstanceOf(java.io.InterruptedIOException.class);
        });
        assertThat(sinkSaw).hasSize(2);
        assertThat(checkThreadsAlive()).isEmpty();
    }
}
