package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.signing.testing.BundleFixture;
import dev.warden.signing.testing.ZipBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
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
    /** 32 bytes that decode to no point of Ed25519's curve. */
    private static final byte[] NOT_A_CURVE_POINT = new byte[Ed25519PublicKey.LENGTH];

    static {
        NOT_A_CURVE_POINT[0] = 2;
    }

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

    /** Found by fuzzing TUF roots (registry-client's MetadataFuzzTest): BouncyCastle throws on such a key. */
    @Test
    void aPublicKeyThatIsNoPointOfTheCurveVerifiesNoSignature() {
        Ed25519PublicKey notAPoint = Ed25519PublicKey.of(NOT_A_CURVE_POINT);

        assertThat(notAPoint.verifies("payload".getBytes(StandardCharsets.UTF_8), new byte[Ed25519PublicKey.SIGNATURE_LENGTH]))
                .isFalse();
    }

    @Test
    void aBundleSignedInTheNameOfATrustedKeyThatIsNoCurvePointIsABadSignature() throws Exception {
        Ed25519PublicKey notAPoint = Ed25519PublicKey.of(NOT_A_CURVE_POINT);
        BundleVerifier trustingIt = verifier(publisher("acme", List.of("acme"),
                new TrustedKey(notAPoint, BundleFixture.NOT_BEFORE, BundleFixture.NOT_AFTER, Optional.empty())));
        String signature = "{\"signatures\":[{\"keyid\":\"" + notAPoint.keyId().hex() + "\",\"alg\":\"ed25519\",\"sig\":\""
                + Base64.getEncoder().encodeToString(new byte[Ed25519PublicKey.SIGNATURE_LENGTH]) + "\"}]}";
        Path bundle = signedZip(ACME, Map.of()).remove("META-INF/warden/signature.json")
                .add("META-INF/warden/signature.json", signature).and().write(WORK.resolve("no-curve-point.wpk"));

        assertThatThrownBy(() -> trustingIt.verify(bundle)).isInstanceOfSatisfying(BundleException.class,
                e -> assertThat(e.failure()).isEqualTo(BundleException.Failure.BAD_SIGNATURE));
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
