package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret store on disk: owner-only, atomic, and never showing a value where it could leak. */
class SecretStoreTest {

    private static final String VALUE = "ghp_S3cr3tV4lue";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path home;

    private SecretStore store() {
        return new SecretStore(home);
    }

    private Path file() {
        return home.resolve("secrets").resolve(SecretStore.FILE);
    }

    @Test
    void storesAValueUnderItsNameAndReadsItBack() throws Exception {
        assertThat(store().set("gh-token", VALUE, NOW)).isFalse();

        assertThat(store().value("gh-token")).contains(VALUE);
        assertThat(store().value("other")).isEmpty();
        assertThat(store().list()).containsExactly(new SecretStore.Entry("gh-token", NOW));
    }

    @Test
    void theFileIsReadableByItsOwnerOnlyInAFolderOnlyItsOwnerMayEnter() throws Exception {
        store().set("gh-token", VALUE, NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aFolderMadeTooOpenBeforeIsClosedOnTheNextChange() throws Exception {
        Files.createDirectories(file().getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        store().set("gh-token", VALUE, NOW);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent()))).isEqualTo("rwx------");
    }

    @Test
    void replacingAValueSaysSoAndKeepsTheOtherSecrets() throws Exception {
        store().set("gh-token", "old", NOW);
        store().set("npm_token", "npm", NOW);

        assertThat(store().set("gh-token", "new", NOW.plusSeconds(60))).isTrue();

        assertThat(store().value("gh-token")).contains("new");
        assertThat(store().value("npm_token")).contains("npm");
        assertThat(store().list()).containsExactly(new SecretStore.Entry("gh-token", NOW.plusSeconds(60)),
                new SecretStore.Entry("npm_token", NOW));
        assertThat(children(file().getParent())).containsExactly(file());
    }

    @Test
    void namesAreCaseSensitive() throws Exception {
        store().set("GH_TOKEN", "upper", NOW);
        store().set("gh_token", "lower", NOW);

        assertThat(store().value("GH_TOKEN")).contains("upper");
        assertThat(store().value("gh_token")).contains("lower");
    }

    @Test
    void removesAStoredSecretAndSaysWhenThereWasNone() throws Exception {
        store().set("gh-token", VALUE, NOW);

        assertThat(store().remove("gh-token")).isTrue();
        assertThat(store().remove("gh-token")).isFalse();
        assertThat(store().value("gh-token")).isEmpty();
        assertThat(Files.readString(file())).doesNotContain(VALUE);
    }

    @Test
    void refusesNamesAGrantCouldNotCarry() {
        for (String name : List.of("", "a b", "x/y", "../x", "név", "a".repeat(129), "a\nb", "a@b")) {
            assertThatThrownBy(() -> store().set(name, VALUE, NOW)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a secret name").hasMessageNotContaining(VALUE);
            assertThat(store().value(name)).isEmpty();
        }
        assertThat(SecretStore.isName("a".repeat(128))).isTrue();
        assertThat(file()).doesNotExist();
    }

    @Test
    void refusesAnEmptyOrOverlongValueWithoutQuotingIt() {
        String huge = "x".repeat(SecretStore.MAX_VALUE_CHARS) + VALUE;

        assertThatThrownBy(() -> store().set("gh-token", "", NOW)).hasMessageContaining("empty");
        assertThatThrownBy(() -> store().set("gh-token", huge, NOW)).hasMessageContaining("longer than")
                .hasMessageNotContaining(VALUE).hasMessageNotContaining("xxxx");
        assertThat(file()).doesNotExist();
    }

    @Test
    void neitherTheStoreNorItsEntriesShowAValueInToString() throws Exception {
        SecretStore store = store();
        store.set("gh-token", VALUE, NOW);

        assertThat(store.toString()).doesNotContain(VALUE);
        assertThat(store.list().toString()).doesNotContain(VALUE).contains("gh-token");
    }

    @Test
    void aDamagedFileIsDescribedByPlaceNeverByItsContent() throws Exception {
        store().set("gh-token", VALUE, NOW);
        Files.writeString(file(), "{\"secrets\": {\"gh-token\": " + VALUE + "}}");

        assertThatThrownBy(() -> store().list()).isInstanceOf(IOException.class)
                .hasMessageContaining("damaged").hasMessageContaining("line 1").hasMessageNotContaining(VALUE);
        assertThatThrownBy(() -> store().value("gh-token")).isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(VALUE))
                .hasMessageNotContaining(VALUE);
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheFix() throws Exception {
        store().set("gh-token", VALUE, NOW);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> store().list()).isInstanceOf(IOException.class)
                .hasMessageContaining("chmod 600 " + file());
        assertThatThrownBy(() -> store().value("gh-token")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aLinkInPlaceOfTheFileIsRefused() throws Exception {
        Path elsewhere = Files.writeString(home.resolve("elsewhere.json"), "{\"secrets\": {}}");
        Files.createDirectories(file().getParent());
        Files.createSymbolicLink(file(), elsewhere);

        assertThatThrownBy(() -> store().list()).isInstanceOf(IOException.class).hasMessageContaining("is a link");
    }

    @Test
    void temporaryFilesACrashLeftBehindAreRemovedByTheNextChange() throws Exception {
        store().set("gh-token", VALUE, NOW);
        Path leftover = Files.writeString(file().resolveSibling("." + SecretStore.FILE + ".0123abcd.tmp"), VALUE);

        store().set("other", "x", NOW);

        assertThat(leftover).doesNotExist();
        assertThat(children(file().getParent())).containsExactly(file());
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
