package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.validKey;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One opening of a bundle decides trust and extracts it; only "nobody you trust signed it" is waived. */
class UnverifiedExtractionTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);

    @Test
    void extractsAnUnsignedBundleWithoutAProof() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"));

        BundleVerifier.Extracted extracted = verifier(publisherOf(acme)).extractAllowingUnverified(bundle, tmp.resolve("staging"));

        assertThat(extracted.verified()).isEmpty();
        assertThat(extracted.opened().identity().pluginId()).isEqualTo("acme/weather");
        assertThat(extracted.opened().files()).isNotEmpty();
        assertThat(tmp.resolve("staging/plugin.json")).isRegularFile();
    }

    @Test
    void extractsABundleSignedByAnUnknownKeyWithoutAProof() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);

        BundleVerifier.Extracted extracted = verifier().extractAllowingUnverified(bundle, tmp.resolve("staging"));

        assertThat(extracted.verified()).isEmpty();
        assertThat(extracted.opened().signatures()).hasSize(1);
    }

    @Test
    void provesABundleATrustedPublisherSigned() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);

        BundleVerifier.Extracted extracted = verifier(publisherOf(acme)).extractAllowingUnverified(bundle, tmp.resolve("staging"));

        assertThat(extracted.verified()).hasValueSatisfying(v -> assertThat(v.key().keyId()).isEqualTo(acme.keyId()));
        assertThat(tmp.resolve("staging/plugin.json")).isRegularFile();
    }

    @Test
    void neverWaivesARevokedKeyAndWritesNothing() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedKey revoked = validKey(acme).revoke(new Revocation(Instant.parse("2026-03-01T00:00:00Z"), "leaked"));

        BundleException e = catchThrowableOfType(BundleException.class, () -> verifier(publisher("acme", List.of("acme"), revoked))
                .extractAllowingUnverified(bundle, tmp.resolve("staging")));

        assertThat(e.failure()).isEqualTo(Failure.KEY_REVOKED);
        assertThat(tmp.resolve("staging")).doesNotExist();
    }

    @Test
    void refusesAnUnsignedBundleWhoseContentWasChanged() throws Exception {
        ZipBuilder zip = signedZip(acme, Map.of()).remove("META-INF/warden/signature.json")
                .remove("skills/forecast/SKILL.md");
        zip.add("skills/forecast/SKILL.md", "changed after packing");
        Path bundle = zip.write(tmp.resolve("unsigned-changed-content.wpk"));

        BundleException e = catchThrowableOfType(BundleException.class, () -> verifier(publisherOf(acme))
                .extractAllowingUnverified(bundle, tmp.resolve("staging")));

        assertThat(e.failure()).isEqualTo(Failure.CONTENT_MISMATCH);
    }
}
