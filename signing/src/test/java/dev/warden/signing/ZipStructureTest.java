package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.ZipBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** THREATS "Archives" / zip structure: every disagreement or hiding place is refused. */
class ZipStructureTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    private ZipBuilder sample() {
        return signedZip(acme, Map.of());
    }

    @Test
    void theUnforgedSampleVerifies() throws Exception {
        Path bundle = sample().write(tmp.resolve("sample.wpk"));

        assertThat(verifier.verify(bundle).identity().pluginId()).isEqualTo("acme/weather");
    }

    @Test
    void refusesALocalHeaderNameThatDiffersFromTheCentralDirectory() throws Exception {
        BundleException e = refused("local-name-differs", sample().entry("README.md").localName("README.sh").and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
        assertThat(e.getMessage()).contains("README.sh");
    }

    @Test
    void refusesALocalHeaderMethodThatDiffersFromTheCentralDirectory() throws Exception {
        refused("local-method-differs", sample().entry("README.md").localMethod(0).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesALocalHeaderCrcThatDiffersFromTheCentralDirectory() throws Exception {
        refused("local-crc-differs", sample().entry("README.md").localCrc(42).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesALocalHeaderSizeThatDiffersFromTheCentralDirectory() throws Exception {
        refused("local-size-differs", sample().entry("README.md").localSize(3).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesLocalFlagsThatDifferFromTheCentralDirectory() throws Exception {
        refused("local-flags-differ", sample().entry("README.md").localFlags(1 << 1).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesACentralCrcThatDoesNotMatchTheContent() throws Exception {
        ZipBuilder zip = sample();
        zip.entry("README.md").centralCrc(7).localCrc(7);
        refused("wrong-crc", zip,
                Failure.CONTENT_MISMATCH, "README.md");
    }

    @Test
    void refusesOverlappingEntries() throws Exception {
        BundleException e = refused("overlapping-entries", sample().centralAlias("skills/alias.md", "README.md"),
                Failure.MALFORMED_ARCHIVE, "overlaps");
        assertThat(e.getMessage()).containsAnyOf("skills/alias.md", "README.md");
    }

    @Test
    void refusesDataAfterTheEndRecord() throws Exception {
        refused("data-after-end-record", sample().append("#!/bin/sh\nrm -rf ~\n".getBytes(StandardCharsets.UTF_8)),
                Failure.MALFORMED_ARCHIVE, "after its end record");
    }

    @Test
    void refusesAnArchiveComment() throws Exception {
        refused("archive-comment", sample().comment("hello"),
                Failure.MALFORMED_ARCHIVE, "comment");
    }

    @Test
    void refusesPrependedData() throws Exception {
        refused("prepended-data", sample().prepend(new byte[100]),
                Failure.MALFORMED_ARCHIVE, "prepended");
    }

    @Test
    void refusesHiddenBytesBetweenEntries() throws Exception {
        refused("hidden-bytes-between-entries", sample().entry("README.md").hiddenBytesAfter("secret".getBytes(StandardCharsets.UTF_8)).and(),
                Failure.MALFORMED_ARCHIVE, "hidden bytes");
    }

    @Test
    void refusesHiddenBytesAfterADeflateStream() throws Exception {
        byte[] content = "# Weather\n".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] deflated = ZipBuilder.deflate(content);
        byte[] padded = Arrays.copyOf(deflated, deflated.length + 8);
        refused("bytes-after-deflate-stream", sample().entry("README.md").compressedData(padded, content.length).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesAnEncryptedEntry() throws Exception {
        BundleException e = refused("encrypted-entry", sample().entry("README.md").flags(1).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
        assertThat(e.getMessage()).contains("encrypted");
    }

    @Test
    void refusesStrongEncryption() throws Exception {
        refused("strong-encryption", sample().entry("README.md").flags(1 | 1 << 6).and(),
                Failure.MALFORMED_ARCHIVE, "encrypted");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 12, 14, 93, 95, 99})
    void refusesUnsupportedCompressionMethods(int method) throws Exception {
        Path bundle = sample().entry("README.md").method(method).and().write(tmp.resolve("method-" + method + ".wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "README.md");
        assertThat(e.getMessage()).contains("method " + method);
    }

    @Test
    void acceptsACorrectDataDescriptor() throws Exception {
        Path bundle = sample().entry("README.md").dataDescriptor().and().write(tmp.resolve("data-descriptor.wpk"));

        assertThat(verifier.verify(bundle).identity().name()).isEqualTo("weather");
    }

    @Test
    void refusesADataDescriptorThatDisagreesWithTheCentralDirectory() throws Exception {
        byte[] wrong = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt(0x08074b50).putInt(1).putInt(2).putInt(3).array();
        refused("lying-data-descriptor", sample().entry("README.md").dataDescriptor(wrong).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesZip64ExtraFields() throws Exception {
        byte[] zip64 = {1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        refused("zip64-extra", sample().entry("README.md").extra(zip64).and(),
                Failure.MALFORMED_ARCHIVE, "ZIP64");
    }

    @Test
    void refusesASecondUnicodeNameInAnExtraField() throws Exception {
        byte[] unicodePath = {0x75, 0x70, 8, 0, 1, 0, 0, 0, 0, '.', '.', '/'};
        refused("unicode-path-extra", sample().entry("README.md").extra(unicodePath).and(),
                Failure.UNSAFE_ENTRY, "README.md");
    }

    @Test
    void refusesAnExtraFieldThatDiffersOnlyInTheLocalHeaderWhenItHidesAName() throws Exception {
        byte[] unicodePath = {0x75, 0x70, 8, 0, 1, 0, 0, 0, 0, '.', '.', '/'};
        refused("local-only-unicode-path", sample().entry("README.md").localExtra(unicodePath).and(),
                Failure.UNSAFE_ENTRY, "README.md");
    }

    @Test
    void refusesANameThatIsNeitherUtf8FlaggedNorAscii() throws Exception {
        var zip = signedZip(acme, Map.of("caf\u00e9.md", new byte[] {1}));
        zip.entry("caf\u00e9.md").flags(0).rawName("caf\u00e9.md".getBytes(StandardCharsets.ISO_8859_1));
        refused("latin1-name", zip,
                Failure.MALFORMED_ARCHIVE, "UTF-8");
    }

    @Test
    void refusesAnEntryComment() throws Exception {
        refused("entry-comment", sample().entry("README.md").comment("psst").and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesAnEndRecordThatMiscountsTheEntries() throws Exception {
        refused("miscounted-entries", sample().declaredEntries(5),
                Failure.MALFORMED_ARCHIVE, "central directory");
    }

    @Test
    void refusesATruncatedBundle() throws Exception {
        byte[] whole = sample().build();
        Path bundle = Files.write(tmp.resolve("truncated.wpk"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "end record");
    }

    @Test
    void refusesSomethingThatIsNotAZip() throws Exception {
        Path bundle = Files.writeString(tmp.resolve("not-a-zip.wpk"), "just text");

        assertRefused(verifier, bundle, tmp, Failure.MALFORMED_ARCHIVE, "not a zip");
    }

    @Test
    void refusesAStoredEntryWhoseSizesDisagree() throws Exception {
        refused("stored-sizes-disagree", sample().entry("README.md").stored().centralCompressedSize(10).and(),
                Failure.MALFORMED_ARCHIVE, "README.md");
    }

    @Test
    void refusesABundleWithoutPluginJson() throws Exception {
        refused("no-plugin-json", sample().remove("plugin.json"),
                Failure.MISSING_ENTRY, "plugin.json");
    }

    @Test
    void refusesABundleWithoutFilesJson() throws Exception {
        refused("no-files-json", sample().remove("META-INF/warden/files.json"),
                Failure.MISSING_ENTRY, "files.json");
    }

    @Test
    void refusesFilesJsonThatIsNotSorted() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("plugin.json", dev.warden.signing.testing.BundleFixture.pluginJson("acme", "weather", "1.0.0"));
        files.put("a.md", new byte[] {1});
        byte[] filesJson = dev.warden.signing.testing.BundleFixture.filesJson(files);
        ZipBuilder zip = new ZipBuilder();
        files.forEach(zip::add);
        zip.add("META-INF/warden/files.json", filesJson);
        zip.add("META-INF/warden/signature.json", dev.warden.signing.testing.BundleFixture.signatureJson(
                dev.warden.signing.testing.BundleFixture.payload("acme", "weather", "1.0.0", filesJson), acme));
        refused("unsorted-files-json", zip,
                Failure.MALFORMED_ARCHIVE, "not sorted");
    }

    @Test
    void refusesFilesJsonWithDuplicateKeys() throws Exception {
        byte[] filesJson = "{\"files\":[],\"files\":[]}".getBytes(StandardCharsets.UTF_8);
        ZipBuilder zip = new ZipBuilder();
        zip.add("plugin.json", dev.warden.signing.testing.BundleFixture.pluginJson("acme", "weather", "1.0.0"));
        zip.add("META-INF/warden/files.json", filesJson);
        refused("duplicate-keys-files-json", zip,
                Failure.MALFORMED_ARCHIVE, "files.json");
    }

    /** Writes the forged archive as {@code defect}.wpk and asserts that verify and extract refuse it alike. */
    private BundleException refused(String defect, ZipBuilder forged, Failure failure, String culprit) throws Exception {
        return assertRefused(verifier, forged.write(tmp.resolve(defect + ".wpk")), tmp, failure, culprit);
    }
}
