package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.signing.testing.ZipBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes bundle reading (zip directory, entry streaming, files.json, jar inspection, signature.json and
 * verification) with arbitrary bytes: every input is refused with a {@link BundleException} or accepted,
 * and a refused extraction leaves no file behind. Seeds are the fixture's signed sample and variants.
 */
class BundleFuzzTest {

    private static final SigningKey ACME = key("acme", 1);
    private static final BundleVerifier VERIFIER = verifier(publisherOf(ACME));
    private static final Path WORK = workFolder();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyBundleIsReadOrRefusedWithABundleException(byte[] input) throws IOException {
        Path bundle = WORK.resolve("input.wpk");
        Files.write(bundle, input);
        try {
            BundleReader.open(bundle, BundleLimits.defaults());
        } catch (BundleException refused) {
            // documented refusal
        }
        extractsOrLeavesNothing(bundle, staging -> BundleReader.extractUnverified(bundle, staging, BundleLimits.defaults()));
        extractsOrLeavesNothing(bundle, staging -> VERIFIER.verifyAndExtract(bundle, staging));
    }

    private interface Extraction {
        Object into(Path staging) throws BundleException;
    }

    private static void extractsOrLeavesNothing(Path bundle, Extraction extraction) throws IOException {
        Path staging = WORK.resolve("staging");
        try {
            extraction.into(staging);
        } catch (BundleException refused) {
            assertThat(staging).as("a refused bundle leaves its staging folder as it was (absent)").doesNotExist();
        } finally {
            deleteTree(staging);
        }
    }

    static Stream<Arguments> seeds() throws IOException {
        Map<String, byte[]> withJar = new java.util.TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        withJar.put("lib/tool.jar", jar());
        return Stream.of(
                        signedZip(ACME, Map.of()).build(),
                        signedZip(withJar, "acme", "weather", "1.0.0", ACME).build(),
                        signedZip(ACME, Map.of("bin/run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8)))
                                .entry("bin/run.sh").stored().and().build(),
                        signedZip(ACME, Map.of()).entry("README.md").dataDescriptor().and().build(),
                        unsigned())
                .map(bytes -> Arguments.of((Object) bytes));
    }

    private static byte[] unsigned() {
        ZipBuilder zip = new ZipBuilder();
        sampleFiles("acme", "weather", "1.0.0").forEach(zip::add);
        return zip.build();
    }

    private static byte[] jar() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream jar = new ZipOutputStream(out)) {
            jar.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            jar.write("Manifest-Version: 1.0\r\nMain-Class: a.B\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            jar.putNextEntry(new ZipEntry("a/B.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
        }
        return out.toByteArray();
    }

    private static Path workFolder() {
        try {
            Path work = Files.createTempDirectory("bundle-fuzz");
            work.toFile().deleteOnExit();
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
