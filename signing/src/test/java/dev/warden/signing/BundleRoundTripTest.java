package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.BundleFixture.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.io.WardenException;
import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.BundleFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);

    @Test
    void packedAndSignedBundleVerifiesAndReturnsItsIdentityManifestAndFiles() throws Exception {
        Map<String, byte[]> files = sampleFiles("acme", "weather", "1.0.0");
        Path bundle = packAndSign(tmp, "weather", files, acme);

        VerifiedBundle verified = verifier(publisherOf(acme)).verify(bundle);

        assertThat(verified.identity()).isEqualTo(new BundleIdentity("acme", "weather", "1.0.0"));
        assertThat(verified.identity().pluginId()).isEqualTo("acme/weather");
        assertThat(verified.publisher().id()).isEqualTo("acme");
        assertThat(verified.key().keyId()).isEqualTo(acme.keyId());
        assertThat(verified.manifestBytes()).isEqualTo(files.get("plugin.json"));
        assertThat(verified.files()).extracting(FileEntry::path).containsExactlyElementsOf(new TreeMap<>(files).keySet());
        assertThat(verified.files()).allSatisfy(f -> assertThat(f.size()).isEqualTo(files.get(f.path()).length));
    }

    @Test
    void extractionWritesEveryEntryIntoStagingAndNothingElse() throws Exception {
        Map<String, byte[]> files = sampleFiles("acme", "weather", "1.0.0");
        Path bundle = packAndSign(tmp, "weather", files, acme);
        Path staging = tmp.resolve("staging");

        verifier(publisherOf(acme)).verifyAndExtract(bundle, staging);

        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            assertThat(staging.resolve(f.getKey())).hasBinaryContent(f.getValue());
        }
        assertThat(staging.resolve("META-INF/warden/files.json")).isRegularFile();
        assertThat(staging.resolve("META-INF/warden/signature.json")).isRegularFile();
        try (var all = Files.walk(staging)) {
            assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(files.size() + 2);
        }
    }

    @Test
    void extractionAcceptsAnExistingEmptyStagingFolder() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        Path staging = Files.createDirectory(tmp.resolve("staging"));

        verifier(publisherOf(acme)).verifyAndExtract(bundle, staging);

        assertThat(staging.resolve("plugin.json")).isRegularFile();
    }

    @Test
    void extractionRefusesANonEmptyStagingFolderAndLeavesItAlone() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        Path staging = Files.createDirectory(tmp.resolve("staging"));
        Files.writeString(staging.resolve("keep.txt"), "mine");

        BundleException e = catchThrowableOfType(BundleException.class,
                () -> verifier(publisherOf(acme)).verifyAndExtract(bundle, staging));

        assertThat(e.failure()).isEqualTo(Failure.IO);
        assertThat(e.getMessage()).contains("not empty");
        try (var all = Files.list(staging)) {
            assertThat(all).containsExactly(staging.resolve("keep.txt"));
        }
    }

    @Test
    void extractionRefusesAStagingFolderThatIsALink() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path staging = Files.createSymbolicLink(tmp.resolve("staging"), elsewhere);

        BundleException e = catchThrowableOfType(BundleException.class,
                () -> verifier(publisherOf(acme)).verifyAndExtract(bundle, staging));

        assertThat(e.failure()).isEqualTo(Failure.IO);
        assertThat(e.getMessage()).contains("link");
        try (var all = Files.list(elsewhere)) {
            assertThat(all).isEmpty();
        }
    }

    @Test
    void packIsDeterministic() throws Exception {
        Path src = sampleSource();
        Path a = tmp.resolve("a.wpk");
        Path b = tmp.resolve("b.wpk");

        BundleWriter.pack(src, a, BundleLimits.defaults());
        Files.setLastModifiedTime(src.resolve("README.md"), java.nio.file.attribute.FileTime.fromMillis(0));
        BundleWriter.pack(src, b, BundleLimits.defaults());

        assertThat(a).hasSameBinaryContentAs(b);
    }

    @Test
    void packReportsIdentityCountsAndWritesAnUnsignedBundle() throws Exception {
        Map<String, byte[]> files = sampleFiles("acme", "weather", "1.0.0");
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), files);

        PackResult result = BundleWriter.pack(src, tmp.resolve("w.wpk"), BundleLimits.defaults());

        assertThat(result.identity()).isEqualTo(new BundleIdentity("acme", "weather", "1.0.0"));
        assertThat(result.fileCount()).isEqualTo(files.size());
        assertThat(result.totalBytes()).isEqualTo(files.values().stream().mapToLong(v -> v.length).sum());
        OpenedBundle opened = BundleReader.open(result.bundle(), BundleLimits.defaults());
        assertThat(opened.signatures()).isEmpty();
        assertThat(opened.identity()).isEqualTo(result.identity());
        try (var all = Files.list(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("src", "w.wpk");
        }
    }

    @Test
    void packTakesTheManifestFromTheClaudePluginFolder() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put(".claude-plugin/plugin.json", files.remove("plugin.json"));
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), files);

        BundleWriter.pack(src, tmp.resolve("w.wpk"), BundleLimits.defaults());

        OpenedBundle opened = BundleReader.open(tmp.resolve("w.wpk"), BundleLimits.defaults());
        assertThat(opened.files()).extracting(FileEntry::path).contains("plugin.json")
                .doesNotContain(".claude-plugin/plugin.json");
        assertThat(opened.manifestBytes()).isEqualTo(files.get(".claude-plugin/plugin.json"));
    }

    @Test
    void packRefusesTwoManifests() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put(".claude-plugin/plugin.json", files.get("plugin.json"));
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), files);

        assertThatThrownBy(() -> BundleWriter.pack(src, tmp.resolve("w.wpk"), BundleLimits.defaults()))
                .isInstanceOf(BundleException.class).hasMessageContaining("both plugin.json and .claude-plugin/plugin.json");
        assertThat(tmp.resolve("w.wpk")).doesNotExist();
    }

    @Test
    void packRefusesAManifestWithoutPublisher() throws Exception {
        Path src = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(src.resolve("plugin.json"), "{\"name\":\"weather\",\"version\":\"1.0.0\"}");

        BundleException e = packRefused(src, Failure.MALFORMED_ARCHIVE);

        assertThat(e.getMessage()).contains("\"publisher\"");
    }

    @Test
    void packRefusesASymlinkNamingIt() throws Exception {
        Path src = sampleSource();
        Files.writeString(tmp.resolve("secret"), "outside");
        Files.createSymbolicLink(src.resolve("skills/link.md"), tmp.resolve("secret"));

        BundleException e = packRefused(src, Failure.UNSAFE_ENTRY);

        assertThat(e.entry()).contains("skills/link.md");
        assertThat(e.getMessage()).contains("skills/link.md").contains("symbolic link");
        assertThat(tmp.resolve("w.wpk")).doesNotExist();
    }

    @Test
    void packRefusesANameTheReaderWouldRefuse() throws Exception {
        Path src = sampleSource();
        Files.writeString(src.resolve("notes. "), "trailing dot and space");

        assertThat(packRefused(src, Failure.UNSAFE_ENTRY).getMessage()).contains("notes. ");
    }

    @Test
    void packRefusesAFifo() throws Exception {
        Path src = sampleSource();
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("mkfifo is not available");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");

        BundleException e = packRefused(src, Failure.UNSAFE_ENTRY);

        assertThat(e.getMessage()).contains("pipe").contains("special file");
    }

    @Test
    void packRefusesMetadataFilesInTheSource() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put("META-INF/warden/signature.json", "{}".getBytes(StandardCharsets.UTF_8));
        Path src = writeTree(Files.createDirectory(tmp.resolve("src")), files);

        assertThatThrownBy(() -> BundleWriter.pack(src, tmp.resolve("w.wpk"), BundleLimits.defaults()))
                .isInstanceOf(BundleException.class).hasMessageContaining("META-INF/warden/signature.json");
    }

    @Test
    void packSkipsTheOutputFileWhenItLiesInsideTheSource() throws Exception {
        Path src = sampleSource();
        Path out = src.resolve("weather.wpk");
        BundleWriter.pack(src, out, BundleLimits.defaults());

        PackResult again = BundleWriter.pack(src, out, BundleLimits.defaults());

        assertThat(BundleReader.open(again.bundle(), BundleLimits.defaults()).files()).extracting(FileEntry::path)
                .doesNotContain("weather.wpk");
    }

    @Test
    void packStoresHighlyCompressibleFilesSoTheRatioLimitStillHolds() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(sampleFiles("acme", "weather", "1.0.0"));
        files.put("zeros.bin", new byte[3 << 20]);
        Path bundle = packAndSign(tmp, "weather", files, acme);

        assertThat(verifier(publisherOf(acme)).verify(bundle).files()).extracting(FileEntry::path).contains("zeros.bin");
    }

    @Test
    void signingTwiceWithTheSameKeyReplacesTheSignatureAndKeepsOthers() throws Exception {
        SigningKey second = key("acme", 2);
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme, second);

        BundleSigner.sign(bundle, acme, BundleLimits.defaults());

        OpenedBundle opened = BundleReader.open(bundle, BundleLimits.defaults());
        assertThat(opened.signatures()).extracting(BundleSignature::keyId)
                .containsExactly(acme.keyId().hex(), second.keyId().hex());
        assertThat(verifier(publisherOf(second)).verify(bundle).key().keyId()).isEqualTo(second.keyId());
        assertThat(verifier(publisherOf(acme)).verify(bundle).key().keyId()).isEqualTo(acme.keyId());
    }

    @Test
    void signingRefusesAKeyOfAnotherPublisher() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"));
        byte[] before = Files.readAllBytes(bundle);
        SigningKey evil = key("evil", 9);

        BundleException e = catchThrowableOfType(BundleException.class,
                () -> BundleSigner.sign(bundle, evil, BundleLimits.defaults()));

        assertThat(e.failure()).isEqualTo(Failure.WRONG_PUBLISHER_KEY);
        assertThat(e.category()).isEqualTo(WardenException.Category.REFUSED);
        assertThat(e.getMessage()).contains(evil.keyId().shortForm()).contains("'evil'").contains("'acme'");
        assertThat(bundle).hasBinaryContent(before);
    }

    @Test
    void signingRefusesATamperedBundle() throws Exception {
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"));
        Path forged = tmp.resolve("forged.wpk");
        BundleFixture.signedZip(acme, Map.of()).entry("README.md").declaredSize(3).and().write(forged);

        assertThatThrownBy(() -> BundleSigner.sign(forged, acme, BundleLimits.defaults()))
                .isInstanceOf(BundleException.class);
        assertThat(bundle).exists();
    }

    @Test
    void missingBundleIsAnIoFailure() {
        BundleException e = catchThrowableOfType(BundleException.class,
                () -> verifier(publisherOf(acme)).verify(tmp.resolve("nope.wpk")));

        assertThat(e.failure()).isEqualTo(Failure.IO);
        assertThat(e.category()).isEqualTo(WardenException.Category.ERROR);
        assertThat(e.getMessage()).contains("nope.wpk");
    }

    /** Packs {@code src} into w.wpk, expecting a refusal with {@code failure}. */
    private BundleException packRefused(Path src, Failure failure) {
        BundleException e = catchThrowableOfType(BundleException.class,
                () -> BundleWriter.pack(src, tmp.resolve("w.wpk"), BundleLimits.defaults()));
        assertThat(e).as("pack must refuse " + src).isNotNull();
        assertThat(e.failure()).as(e.getMessage()).isEqualTo(failure);
        return e;
    }

    /** The sample plugin's files written under tmp/src. */
    private Path sampleSource() throws IOException {
        return writeTree(Files.createDirectory(tmp.resolve("src")), sampleFiles("acme", "weather", "1.0.0"));
    }
}
