package dev.warden.signing;

import static dev.warden.signing.testing.BundleFixture.key;
import static dev.warden.signing.testing.BundleFixture.packAndSign;
import static dev.warden.signing.testing.BundleFixture.publisherOf;
import static dev.warden.signing.testing.BundleFixture.sampleFiles;
import static dev.warden.signing.testing.BundleFixture.signedZip;
import static dev.warden.signing.testing.BundleFixture.verifier;
import static dev.warden.signing.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.signing.BundleException.Failure;
import dev.warden.signing.testing.TreeSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** THREATS "Archives": path escapes, links and name collisions. Fixtures are named after their defect. */
class ArchivePathTest {

    @TempDir
    Path tmp;

    private final SigningKey acme = key("acme", 1);
    private final BundleVerifier verifier = verifier(publisherOf(acme));

    private Path forgedWith(String defect, String entryName) throws Exception {
        return signedZip(acme, Map.of(entryName, "payload".getBytes(StandardCharsets.UTF_8)))
                .write(tmp.resolve(defect + ".wpk"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "skills/../../evil.txt", "skills/..", "./plugin2.json", "skills/./x.md"})
    void refusesEntriesWithDotSegmentsThatCouldEscape(String name) throws Exception {
        assertRefused(verifier, forgedWith("dot-segment", name), tmp, Failure.UNSAFE_ENTRY, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/evil", "/tmp/x.md"})
    void refusesAbsoluteUnixPaths(String name) throws Exception {
        assertRefused(verifier, forgedWith("absolute-path", name), tmp, Failure.UNSAFE_ENTRY, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\x", "C:x", "c:/windows/evil.dll2", "\\\\server\\share\\x", "skills\\evil.md", "a/b\\..\\..\\c"})
    void refusesWindowsDrivesUncPathsAndBackslashes(String name) throws Exception {
        assertRefused(verifier, forgedWith("windows-path", name), tmp, Failure.UNSAFE_ENTRY, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"skills//x.md", "skills/x\u0000.md", "skills/x\u001b[31m.md", "skills/\u202eevil.md"})
    void refusesEmptySegmentsControlAndBidiCharacters(String name) throws Exception {
        BundleException e = assertRefused(verifier, forgedWith("odd-characters", name), tmp, Failure.UNSAFE_ENTRY, "skills/");
        assertThat(e.entry()).contains(name);
    }

    @Test
    void refusesAnEscapeTowardsASiblingWithACommonPrefixAndLeavesTheSiblingAlone() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path sibling = Files.createDirectories(plugins.resolve("foobar"));
        Files.writeString(sibling.resolve("keep.txt"), "untouched");
        Path bundle = forgedWith("prefix-escape", "../foobar/keep.txt");
        Map<String, Long> before = TreeSnapshot.of(tmp);

        BundleException e = org.assertj.core.api.Assertions.catchThrowableOfType(BundleException.class,
                () -> verifier.verifyAndExtract(bundle, plugins.resolve("foo")));

        assertThat(e.failure()).isEqualTo(Failure.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("../foobar/keep.txt");
        assertThat(plugins.resolve("foo")).doesNotExist();
        assertThat(TreeSnapshot.of(tmp)).isEqualTo(before);
    }

    @Test
    void extractingIntoAFolderWhoseSiblingSharesItsPrefixWritesOnlyIntoTheFolder() throws Exception {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path sibling = Files.createDirectories(plugins.resolve("foobar"));
        Path bundle = packAndSign(tmp, "weather", sampleFiles("acme", "weather", "1.0.0"), acme);

        verifier.verifyAndExtract(bundle, plugins.resolve("foo"));

        assertThat(plugins.resolve("foo/plugin.json")).isRegularFile();
        try (var inSibling = Files.list(sibling)) {
            assertThat(inSibling).isEmpty();
        }
    }

    @Test
    void refusesASymlinkEntry() throws Exception {
        Path bundle = signedZip(acme, Map.of("skills/passwd.md", "/etc/passwd".getBytes(StandardCharsets.UTF_8)))
                .entry("skills/passwd.md").unixMode(0120777).and().write(tmp.resolve("symlink-entry.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "skills/passwd.md");
        assertThat(e.getMessage()).contains("symbolic link");
    }

    @Test
    void refusesADirectoryEntryLaterReplacedByALink() throws Exception {
        var zip = signedZip(acme, Map.of("data", "/etc".getBytes(StandardCharsets.UTF_8)));
        zip.entry("data").unixMode(0120777);
        zip.entries().add(0, zip.directory("data/"));
        zip.entries().remove(zip.entries().size() - 1);
        Path bundle = zip.write(tmp.resolve("directory-then-link.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "data");
    }

    @Test
    void refusesAFileThatCollidesWithAFolderOfAnotherEntry() throws Exception {
        Path bundle = signedZip(acme, Map.of("skills", "a file".getBytes(StandardCharsets.UTF_8)))
                .write(tmp.resolve("file-versus-folder.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "skills");
        assertThat(e.getMessage()).contains("collides with");
    }

    @Test
    void refusesHardLinkDataInAnExtraField() throws Exception {
        byte[] asiUnix = {0x6e, 0x75, 4, 0, 0, 0, 0, 0};
        Path bundle = signedZip(acme, Map.of("skills/hard.md", new byte[0])).entry("skills/hard.md").extra(asiUnix)
                .and().write(tmp.resolve("hard-link-extra.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "skills/hard.md");
        assertThat(e.getMessage()).contains("link");
    }

    @ParameterizedTest
    @ValueSource(ints = {0010644, 0020644, 0060644, 0140644})
    void refusesSpecialFiles(int mode) throws Exception {
        Path bundle = signedZip(acme, Map.of("skills/dev", new byte[0])).entry("skills/dev").unixMode(mode)
                .and().write(tmp.resolve("special-file.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "skills/dev");
        assertThat(e.getMessage()).contains("special file");
    }

    @Test
    void refusesADirectoryEntryThatCarriesContent() throws Exception {
        var zip = signedZip(acme, Map.of());
        zip.add("skills/", "hidden".getBytes(StandardCharsets.UTF_8)).stored();
        Path bundle = zip.write(tmp.resolve("directory-with-content.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "skills/");
    }

    @Test
    void acceptsAndCreatesEmptyDirectoryEntries() throws Exception {
        var zip = signedZip(acme, Map.of());
        zip.entries().add(0, zip.directory("empty/"));
        zip.entries().remove(zip.entries().size() - 1);
        Path bundle = zip.write(tmp.resolve("with-directory.wpk"));

        verifier.verifyAndExtract(bundle, tmp.resolve("staging"));

        assertThat(tmp.resolve("staging/empty")).isEmptyDirectory();
    }

    @Test
    void refusesTheSameNameTwice() throws Exception {
        var zip = signedZip(acme, Map.of());
        zip.add("README.md", "second copy");
        Path bundle = zip.write(tmp.resolve("duplicate-entry.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "README.md");
        assertThat(e.getMessage()).contains("twice");
    }

    @ParameterizedTest
    @CsvSource({"readme.md,readme.md", "README.MD,README.MD", "Plugin.json,Plugin.json",
            "SKILLS/forecast/skill.md,SKILLS", "meta-inf/warden/FILES.json,meta-inf"})
    void refusesNamesThatDifferOnlyByCase(String name, String culprit) throws Exception {
        BundleException e = assertRefused(verifier, forgedWith("case-twin", name), tmp, Failure.UNSAFE_ENTRY, culprit);
        assertThat(e.getMessage()).containsAnyOf("collides", "differently");
    }

    @Test
    void refusesUnicodeNormalisationTwins() throws Exception {
        String nfc = "caf\u00e9.md";
        String nfd = "cafe\u0301.md";
        Path bundle = signedZip(acme, Map.of(nfc, new byte[] {1}, nfd, new byte[] {2})).write(tmp.resolve("nfc-nfd-twins.wpk"));

        BundleException e = assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "caf");
        assertThat(e.getMessage()).contains("collides");
    }

    @ParameterizedTest
    @ValueSource(strings = {"README.md.", "README.md ", "skills./x.md", "notes ", "a/b. /c"})
    void refusesTrailingDotsAndSpaces(String name) throws Exception {
        assertRefused(verifier, forgedWith("trailing-dot-or-space", name), tmp, Failure.UNSAFE_ENTRY, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con.txt", "skills/aux.md", "nul", "COM1", "lpt9.log", "prn/x.md", "Com3.json"})
    void refusesWindowsReservedNames(String name) throws Exception {
        BundleException e = assertRefused(verifier, forgedWith("reserved-name", name), tmp, Failure.UNSAFE_ENTRY, name);
        assertThat(e.getMessage()).contains("reserved");
    }

    @Test
    void refusesTwoSpellingsOfOneFolder() throws Exception {
        Path bundle = signedZip(acme, Map.of("Skills/other/SKILL.md", new byte[] {1})).write(tmp.resolve("folder-case-twins.wpk"));

        assertRefused(verifier, bundle, tmp, Failure.UNSAFE_ENTRY, "Skills");
    }
}
