package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.BundleFixture.writeTree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pack deflates a file only when that pays: a file whose first {@link ZipWriter#SAMPLE} bytes do not
 * shrink is stored without deflating it whole; shorter files are decided on all their bytes. Either way
 * the bundle verifies and pack stays deterministic.
 */
class PackCompressionChoiceTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] text(int size) {
        byte[] line = "the forecast for tomorrow: light rain, then sun\n".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static Map<String, Integer> methods(Path bundle) throws Exception {
        return ZipDirectory.readBundle(ByteSource.of(Files.readAllBytes(bundle)), BundleLimits.defaults()).entries()
                .stream().collect(Collectors.toMap(ZipEntryRecord::name, ZipEntryRecord::method));
    }

    private Map<String, byte[]> mixedTree() {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put("random-then-text.bin", concat(random(ZipWriter.SAMPLE, 1), text(1 << 20)));
        files.put("text-then-random.bin", concat(text(ZipWriter.SAMPLE), random(1 << 20, 2)));
        files.put("small-random.bin", random(ZipWriter.SAMPLE - 1, 3));
        files.put("small-text.txt", text(ZipWriter.SAMPLE - 1));
        return files;
    }

    @Test
    void storesAFileWhoseFirstBlockDoesNotShrinkAndDeflatesOneWhoseFirstBlockDoes() throws Exception {
        Path bundle = packAndSign(tmp, "mixed", mixedTree(), acme);

        assertThat(methods(bundle)).containsEntry("random-then-text.bin", ZipEntryRecord.STORED)
                .containsEntry("text-then-random.bin", ZipEntryRecord.DEFLATED);
        assertThat(verifier(publisherOf(acme)).verify(bundle).files()).hasSize(mixedTree().size());
    }

    @Test
    void decidesAFileShorterThanTheSampleOnAllItsBytes() throws Exception {
        assertThat(methods(packAndSign(tmp, "small", mixedTree(), acme)))
                .containsEntry("small-random.bin", ZipEntryRecord.STORED)
                .containsEntry("small-text.txt", ZipEntryRecord.DEFLATED);
    }

    @Test
    void packsTheSameBytesTwiceWhateverItChoosesPerFile() throws Exception {
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), mixedTree());
        Path a = tmp.resolve("a.wpk");
        Path b = tmp.resolve("b.wpk");

        BundleWriter.pack(src, a, BundleLimits.defaults());
        BundleWriter.pack(src, b, BundleLimits.defaults());

        assertThat(a).hasSameBinaryContentAs(b);
    }

    @Test
    void aTransientBundleStoresEveryFileAsItIsAndListsTheSameFilesAsOnePackedToKeep() throws Exception {
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), mixedTree());
        Path kept = tmp.resolve("kept.wpk");
        Path transientBundle = tmp.resolve("transient.wpk");

        BundleWriter.pack(src, kept, BundleLimits.defaults());
        PackResult packed = BundleWriter.pack(src, transientBundle, BundleLimits.defaults(), BundleWriter.Packing.TRANSIENT);

        assertThat(methods(transientBundle).values()).containsOnly(ZipEntryRecord.STORED);
        OpenedBundle opened = BundleReader.extractUnverified(transientBundle, Files.createDirectory(tmp.resolve("staging")),
                BundleLimits.defaults());
        assertThat(opened.files()).isEqualTo(BundleReader.open(kept, BundleLimits.defaults()).files());
        assertThat(opened.identity()).isEqualTo(packed.identity());
    }

    @Test
    void aTransientBundleNeverReplacesAFileAlreadyThere() throws Exception {
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), mixedTree());
        Path there = Files.writeString(tmp.resolve("there.wpk"), "not a bundle");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BundleWriter.pack(src, there, BundleLimits.defaults(),
                BundleWriter.Packing.TRANSIENT)).isInstanceOf(BundleException.class);
        assertThat(there).hasContent("not a bundle");
    }
}
