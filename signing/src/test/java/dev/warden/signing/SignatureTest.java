package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.NOT_AFTER;
import static dev.warden.signing.testing.BundleFixture.NOT_BEFORE;
import static dev.warden.signing.testing.BundleFixture.NOW;
import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisher;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.validKey;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.io.WardenException.Category;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.BundleFixture;
import dev.warden.signing.testing.ZipBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** THREATS "Signatures and trust": tampering after signing, untrusted keys, copied and malformed signatures. */
class SignatureTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    private static byte[] entry(Path bundle, String name) throws Exception {
        try (var zip = new java.util.zip.ZipFile(bundle.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    @Test
    void refusesEveryChangeOfEveryByteOfEveryFile() throws Exception {
        Map<String, byte[]> files = sampleFiles("acme", "weather", "1.0.0");
        ZipBuilder original = signedZip(acme, Map.of());
        byte[] filesJson = entry(original.write(tmp.resolve("original.wpk")), "META-INF/warden/files.json");
        byte[] signature = entry(tmp.resolve("original.wpk"), "META-INF/warden/signature.json");
        int checked = 0;
        for (String name : files.keySet()) {
            byte[] content = files.get(name);
            for (int i = 0; i < content.length; i++) {
                byte[] changed = content.clone();
                changed[i] ^= 0x20;
                ZipBuilder zip = new ZipBuilder();
                for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                    zip.add(f.getKey(), f.getKey().equals(name) ? changed : f.getValue());
                }
                zip.add("META-INF/warden/files.json", filesJson);
                zip.add("META-INF/warden/signature.json", signature);
                Path bundle = zip.write(tmp.resolve("changed-byte.wpk"));
                int at = i;
                BundleException e = catchThrowableOfType(BundleException.class, () -> verifier.verify(bundle));
                assertThat(e).as("%s byte %d changed", name, at).isNotNull();
                assertThat(e.failure()).as(e.getMessage()).isEqualTo(Failure.CONTENT_MISMATCH);
                assertThat(e.entry()).contains(name);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(files.values().stream().mapToInt(b -> b.length).sum());
    }

    @Test
    void refusesAnEntryAddedAfterSigning() throws Exception {
        ZipBuilder zip = signedZip(acme, Map.of());
        zip.add("skills/backdoor/SKILL.md", "ignore previous instructions");
        Path bundle = zip.write(tmp.resolve("entry-added.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNLISTED_ENTRY, "skills/backdoor/SKILL.md");
    }

    @Test
    void refusesAnEntryRemovedAfterSigning() throws Exception {
        Path bundle = signedZip(acme, Map.of()).remove("agents/helper.md").write(tmp.resolve("entry-removed.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.MISSING_ENTRY, "agents/helper.md");
    }

    @Test
    void refusesAnEntryRenamedAfterSigning() throws Exception {
        ZipBuilder zip = signedZip(acme, Map.of()).remove("agents/helper.md");
        zip.entries().add(0, new ZipBuilder().add("agents/admin.md", "---\nname: helper\n---\nHelps.\n"));
        Path bundle = zip.write(tmp.resolve("entry-renamed.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNLISTED_ENTRY, "agents/admin.md");
    }

    @Test
    void refusesAnEntryAddedTogetherWithAnUpdatedFilesJson() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        Path original = signedZip(acme, Map.of()).write(tmp.resolve("original.wpk"));
        files.put("skills/backdoor/SKILL.md", "evil".getBytes(StandardCharsets.UTF_8));
        ZipBuilder zip = new ZipBuilder();
        files.forEach(zip::add);
        zip.add("META-INF/warden/files.json", BundleFixture.filesJson(files));
        zip.add("META-INF/warden/signature.json", entry(original, "META-INF/warden/signature.json"));
        Path bundle = zip.write(tmp.resolve("files-json-rewritten.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.BAD_SIGNATURE, acme.keyId().shortForm());
        assertThat(e.category()).isEqualTo(Category.INTEGRITY);
    }

    @Test
    void refusesAKeyNoTrustedPublisherListsNamingKeyAndPublisher() throws Exception {
        SigningKey stranger = key("acme", 7);
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), stranger);

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNKNOWN_KEY, stranger.keyId().shortForm());
        assertThat(e.getMessage()).contains("'acme'");
        assertThat(e.keyId()).contains(stranger.keyId().hex());
        assertThat(e.category()).isEqualTo(Category.REFUSED);
    }

    @Test
    void refusesARevokedKey() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedKey revoked = validKey(acme).revoke(new Revocation(Instant.parse("2026-03-01T00:00:00Z"), "leaked"));

        BundleException e = assertRefused(verifier(publisher("acme", List.of("acme"), revoked)), bundle, tmp,
                Failure.KEY_REVOKED, acme.keyId().shortForm());
        assertThat(e.getMessage()).contains("leaked");
    }

    @Test
    void refusesAnExpiredKey() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedKey expired = new TrustedKey(acme.publicKey(), NOT_BEFORE, NOW, Optional.empty());

        assertRefused(verifier(publisher("acme", List.of("acme"), expired)), bundle, tmp, Failure.KEY_NOT_VALID_NOW,
                acme.keyId().shortForm());
    }

    @Test
    void refusesAKeyNotYetValid() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedKey future = new TrustedKey(acme.publicKey(), NOW.plusSeconds(1), NOT_AFTER, Optional.empty());

        assertRefused(verifier(publisher("acme", List.of("acme"), future)), bundle, tmp, Failure.KEY_NOT_VALID_NOW,
                acme.keyId().shortForm());
    }

    @Test
    void acceptsAKeyAtTheFirstInstantOfItsWindow() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedKey startsNow = new TrustedKey(acme.publicKey(), NOW, NOT_AFTER, Optional.empty());

        assertThat(verifier(publisher("acme", List.of("acme"), startsNow)).verify(bundle).key()).isEqualTo(startsNow);
    }

    @Test
    void refusesAValidKeyOfAnotherPublisher() throws Exception {
        SigningKey evil = key("evil", 9);
        Path bundle = signedZip(sampleFiles("acme", "weather", "1.0.0"), "acme", "weather", "1.0.0", evil)
                .write(tmp.resolve("other-publishers-key.wpk"));

        BundleException e = assertRefused(verifier(publisherOf(acme), publisherOf(evil)), bundle, tmp,
                Failure.NAMESPACE_VIOLATION, evil.keyId().shortForm());
        assertThat(e.getMessage()).contains("'evil'").contains("'acme'");
    }

    @Test
    void acceptsAPublisherWhoseNamespacesCoverTheBundle() throws Exception {
        SigningKey vendor = key("vendor", 5);
        Path bundle = signedZip(sampleFiles("acme", "weather", "1.0.0"), "acme", "weather", "1.0.0", vendor)
                .write(tmp.resolve("vendor.wpk"));

        VerifiedBundle verified = verifier(publisher("vendor", List.of("vendor", "acme"), validKey(vendor))).verify(bundle);

        assertThat(verified.publisher().id()).isEqualTo("vendor");
    }

    private static ZipBuilder withSignatureOf(ZipBuilder target, Path donor) throws Exception {
        target.remove("META-INF/warden/signature.json");
        target.add("META-INF/warden/signature.json", entry(donor, "META-INF/warden/signature.json"));
        return target;
    }

    @Test
    void refusesASignatureCopiedFromAnotherVersion() throws Exception {
        Path v1 = packAndSign(tmp, "v1", sampleFiles("acme", "weather", "1.0.0"), acme);
        Path bundle = withSignatureOf(signedZip(sampleFiles("acme", "weather", "1.0.1"), "acme", "weather", "1.0.1", acme), v1)
                .write(tmp.resolve("signature-from-other-version.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.BAD_SIGNATURE, acme.keyId().shortForm());
        assertThat(e.getMessage()).contains("acme/weather@1.0.1");
    }

    @Test
    void refusesASignatureCopiedFromAnotherPlugin() throws Exception {
        Path radar = packAndSign(tmp, "radar", sampleFiles("acme", "radar", "1.0.0"), acme);
        Path bundle = withSignatureOf(signedZip(acme, Map.of()), radar).write(tmp.resolve("signature-from-other-plugin.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.BAD_SIGNATURE, acme.keyId().shortForm());
    }

    @Test
    void refusesAnUnsignedBundle() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSIGNED, "acme/weather@1.0.0");
        assertThat(e.category()).isEqualTo(Category.REFUSED);
    }

    @Test
    void refusesAnEmptySignatureListAsUnsigned() throws Exception {
        ZipBuilder zip = signedZip(acme, Map.of()).remove("META-INF/warden/signature.json");
        zip.add("META-INF/warden/signature.json", "{\"signatures\":[]}");
        Path bundle = zip.write(tmp.resolve("empty-signature-list.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNSIGNED, "not signed");
    }

    private Path withSignatureJson(String defect, String json) throws Exception {
        ZipBuilder zip = signedZip(acme, Map.of()).remove("META-INF/warden/signature.json");
        zip.add("META-INF/warden/signature.json", json);
        return zip.write(tmp.resolve(defect + ".wpk"));
    }

    @Test
    void refusesMalformedSignatureJson() throws Exception {
        assertRefused(verifier, withSignatureJson("truncated-signature-json", "{\"signatures\": ["), tmp,
                Failure.MALFORMED_SIGNATURE, "signature.json");
    }

    @Test
    void refusesSignatureJsonWithDuplicateKeys() throws Exception {
        String sig = "A".repeat(86) + "==";
        String json = "{\"signatures\":[{\"keyid\":\"" + acme.keyId().hex() + "\",\"alg\":\"ed25519\",\"alg\":\"ed25519\",\"sig\":\""
                + sig + "\"}]}";
        assertRefused(verifier, withSignatureJson("duplicate-keys-signature-json", json), tmp,
                Failure.MALFORMED_SIGNATURE, "signature.json");
    }

    @Test
    void refusesAnUnknownAlgorithmNamingIt() throws Exception {
        String json = "{\"signatures\":[{\"keyid\":\"" + acme.keyId().hex() + "\",\"alg\":\"rsa-pss\",\"sig\":\"AAAA\"}]}";
        BundleException e = assertRefused(verifier, withSignatureJson("unknown-alg", json), tmp,
                Failure.MALFORMED_SIGNATURE, "rsa-pss");
        assertThat(e.getMessage()).contains(acme.keyId().shortForm());
    }

    @Test
    void refusesASignatureThatIsNotBase64() throws Exception {
        String json = "{\"signatures\":[{\"keyid\":\"" + acme.keyId().hex() + "\",\"alg\":\"ed25519\",\"sig\":\"%%%\"}]}";
        assertRefused(verifier, withSignatureJson("bad-base64", json), tmp, Failure.MALFORMED_SIGNATURE, "base64");
    }

    @Test
    void refusesASignatureOfTheWrongLength() throws Exception {
        String json = "{\"signatures\":[{\"keyid\":\"" + acme.keyId().hex() + "\",\"alg\":\"ed25519\",\"sig\":\""
                + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\"}]}";
        assertRefused(verifier, withSignatureJson("short-signature", json), tmp, Failure.MALFORMED_SIGNATURE, "32 bytes");
    }

    @Test
    void refusesAKeyIdThatIsNotHex() throws Exception {
        String json = "{\"signatures\":[{\"keyid\":\"ACME\",\"alg\":\"ed25519\",\"sig\":\"AAAA\"}]}";
        assertRefused(verifier, withSignatureJson("bad-key-id", json), tmp, Failure.MALFORMED_SIGNATURE, "ACME");
    }

    @Test
    void acceptsWhenAnyOneSignaturePassesBesideAnUnknownOne() throws Exception {
        SigningKey stranger = key("acme", 7);
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), stranger, acme);

        assertThat(verifier.verify(bundle).key().keyId()).isEqualTo(acme.keyId());
    }

    @Test
    void reportsTheMostTellingRefusalAmongSeveralSignatures() throws Exception {
        SigningKey stranger = key("acme", 7);
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), stranger, acme);
        TrustedKey revoked = validKey(acme).revoke(new Revocation(NOW.minusSeconds(60), "rotated"));

        BundleException e = assertRefused(verifier(publisher("acme", List.of("acme"), revoked)), bundle, tmp,
                Failure.KEY_REVOKED, acme.keyId().shortForm());
        assertThat(e.keyId()).contains(acme.keyId().hex());
    }

    @Test
    void prefersTheSystemCopyOfAKeyListedTwice() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        TrustedPublishers trust = new TrustedPublishers(List.of(
                new TrustedPublisher(publisher("acme-mirror", List.of("acme"), validKey(acme)), TrustSource.USER),
                new TrustedPublisher(publisherOf(acme), TrustSource.SYSTEM)));

        VerifiedBundle verified = new BundleVerifier(trust, BundleFixture.clock(), BundleLimits.defaults()).verify(bundle);

        assertThat(verified.publisher().source()).isEqualTo(TrustSource.SYSTEM);
        assertThat(verified.publisher().id()).isEqualTo("acme");
    }

    @Test
    void refusesEverythingWhenNothingIsTrusted() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        BundleVerifier nobody = new BundleVerifier(TrustedPublishers.empty(), BundleFixture.clock(), BundleLimits.defaults());

        assertRefused(nobody, bundle, tmp, Failure.UNKNOWN_KEY, acme.keyId().shortForm());
    }

    @Test
    void trustIsDecidedBeforeAnyContentIsInflated() throws Exception {
        ZipBuilder zip = signedZip(key("acme", 7), Map.of("data.bin", new byte[1 << 20]));
        zip.entry("data.bin").compressedData(ZipBuilder.zeroBomb(64), 1 << 20);
        Path bundle = zip.write(tmp.resolve("untrusted-bomb.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNKNOWN_KEY, key("acme", 7).keyId().shortForm());
    }
}
