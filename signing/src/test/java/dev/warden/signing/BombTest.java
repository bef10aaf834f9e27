package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** THREATS "Archives" / bombs: refused from declared sizes before reading, or stopped while streaming. */
class BombTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void refusesAnEntryWhoseCompressionRatioIsAboveTheLimit() throws Exception {
        Path bundle = signedZip(acme, Map.of("zeros.bin", new byte[2 << 20])).write(tmp.resolve("high-ratio.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.LIMIT_EXCEEDED, "zeros.bin");
        assertThat(e.getMessage()).contains("ratio");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void stopsAnEntryThatInflatesPastItsDeclaredSizeAtTheFirstExtraByte() throws Exception {
        byte[] declared = new byte[1 << 20];
        Path bundle = signedZip(acme, Map.of("bomb.bin", declared)).entry("bomb.bin")
                .compressedData(ZipBuilder.zeroBomb(1024), declared.length).and().write(tmp.resolve("lying-size-bomb.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.LIMIT_EXCEEDED, "bomb.bin");
        // 1 GiB would come out; the reader stopped one byte after the declared MiB, in verify and in extract.
        assertThat(e.getMessage()).contains("stopped at " + ((1 << 20) + 1));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void refusesAnHonestlyDeclaredHugeEntryBeforeInflatingAnything() throws Exception {
        byte[] bomb = ZipBuilder.zeroBomb(2048);
        Path bundle = signedZip(acme, Map.of("huge.bin", new byte[0])).entry("huge.bin")
                .compressedData(bomb, 2048L << 20).and().write(tmp.resolve("declared-huge-entry.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.LIMIT_EXCEEDED, "huge.bin");
        assertThat(e.getMessage()).contains("per-entry limit");
    }

    @Test
    void refusesBundlesAboveTheTotalSize() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            files.put("data/" + i + ".bin", random(512 * 1024, i));
        }
        Path bundle = signedZip(acme, files).write(tmp.resolve("total-too-large.wpk"));
        BundleLimits limits = new BundleLimits(100, 1 << 20, 1 << 20, 100, 255, 16, 1 << 20);

        BundleException e = assertRefused(verifier(limits, publisherOf(acme)), bundle, tmp, Failure.LIMIT_EXCEEDED, "data/");
        assertThat(e.getMessage()).contains("in all");
    }

    @Test
    void refusesTooManyEntriesBeforeReadingThem() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < 20; i++) {
            files.put("many/" + i + ".txt", new byte[] {(byte) i});
        }
        Path bundle = signedZip(acme, files).write(tmp.resolve("too-many-entries.wpk"));
        BundleLimits limits = new BundleLimits(10, 1 << 20, 1 << 20, 100, 255, 16, 1 << 20);

        assertRefused(verifier(limits, publisherOf(acme)), bundle, tmp, Failure.LIMIT_EXCEEDED, "entries, above the limit of 10");
    }

    @Test
    void refusesDeeplyNestedFolders() throws Exception {
        String deep = "d/".repeat(17) + "x.md";
        Path bundle = signedZip(acme, Map.of(deep, new byte[] {1})).write(tmp.resolve("too-deep.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.LIMIT_EXCEEDED, deep);
        assertThat(e.getMessage()).contains("levels deep");
    }

    @Test
    void refusesOverlongNames() throws Exception {
        String longName = "n".repeat(300) + ".md";
        Path bundle = signedZip(acme, Map.of(longName, new byte[] {1})).write(tmp.resolve("overlong-name.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.LIMIT_EXCEEDED, longName);
    }

    @Test
    void refusesOversizedMetadata() throws Exception {
        Path bundle = signedZip(acme, Map.of()).write(tmp.resolve("sample.wpk"));
        BundleLimits limits = new BundleLimits(100, 1 << 20, 1 << 20, 100, 255, 16, 100);

        assertRefused(verifier(limits, publisherOf(acme)), bundle, tmp, Failure.LIMIT_EXCEEDED, "plugin.json");
    }

    @Test
    void refusesAnEntryAboveThePerEntryLimit() throws Exception {
        Path bundle = signedZip(acme, Map.of("big.bin", random(300_000, 7))).write(tmp.resolve("entry-too-large.wpk"));
        BundleLimits limits = new BundleLimits(100, 1 << 20, 200_000, 100, 255, 16, 1 << 20);

        assertRefused(verifier(limits, publisherOf(acme)), bundle, tmp, Failure.LIMIT_EXCEEDED, "big.bin");
    }
}
