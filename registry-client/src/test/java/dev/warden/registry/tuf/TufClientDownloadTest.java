package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Progress;
import dev.warden.registry.testing.SimulatedRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TufClientDownloadTest {

    private static final String PATH = "acme/notes/acme-notes-1.0.0.wpk";
    private static final byte[] CONTENT = "the notes bundle".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private SimulatedRepository repo(boolean consistent) {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.consistentSnapshot = consistent;
        repo.publishRoots(2);
        repo.addTarget(PATH, CONTENT, null);
        repo.publish();
        return repo;
    }

    private static TrustedMetadata trusted(SimulatedRepository repo) throws TufException {
        return repo.client().refresh(TrustedMetadata.bootstrap(repo.initialRoot())).metadata();
    }


    private static String hashedName(TargetEntry entry) {
        return "targets/acme/notes/" + entry.hashes().get("sha256") + ".acme-notes-1.0.0.wpk";
    }

    @Test
    void downloadsATargetByItsHashedNameAndChecksEveryHash() throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);

        FetchedFile file = repo.client().downloadTarget(trusted, entry, tmp.resolve("b.wpk"), Progress.none());

        assertThat(Files.readAllBytes(file.file())).isEqualTo(CONTENT);
        assertThat(file.hashes()).containsOnlyKeys("sha256", "sha512");
        assertThat(repo.fetcher.requestedPaths()).endsWith(hashedName(entry));
    }

    @Test
    void downloadsByThePlainPathWithoutConsistentSnapshots() throws Exception {
        SimulatedRepository repo = repo(false);
        TrustedMetadata trusted = trusted(repo);

        repo.client().downloadTarget(trusted, trusted.targets().get(PATH), tmp.resolve("b.wpk"), Progress.none());

        assertThat(repo.fetcher.requestedPaths()).endsWith("targets/" + PATH);
    }

    /** A plain-named repository whose one target lists exactly {@code hashes} (algorithm, then hex). */
    private static SimulatedRepository listingHashes(String... hashes) {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.consistentSnapshot = false;
        repo.publishRoots(2);
        repo.addTarget(PATH, CONTENT, null);
        repo.tweaks.put("targets", signed -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> targets = (Map<String, Object>) signed.get("targets");
            Map<String, Object> listed = new LinkedHashMap<>();
            for (int i = 0; i < hashes.length; i += 2) {
                listed.put(hashes[i], hashes[i + 1]);
            }
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("length", (long) CONTENT.length);
            target.put("hashes", listed);
            targets.put(PATH, target);
        });
        repo.publish();
        return repo;
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha224", "md5", "sha3-256", "SHA256"})
    void aTargetListingOnlyHashesWardenDoesNotCheckIsRefusedBeforeAnythingIsFetched(String algorithm) throws Exception {
        String value = algorithm.equals("SHA256") ? hex("SHA-256", CONTENT)
                : algorithm.equals("sha224") ? hex("SHA-224", CONTENT) : "00".repeat(32);
        SimulatedRepository repo = listingHashes(algorithm, value);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);
        Path destination = tmp.resolve("b.wpk");
        int before = repo.fetcher.requestedPaths().size();

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().downloadTarget(trusted, entry, destination, Progress.none()));

        assertThat(e.getMessage()).contains("targets.json lists only hashes Warden does not check (\"" + algorithm
                + "\") for " + PATH, "Warden checks sha256, sha384, sha512");
        assertThat(destination).doesNotExist();
        assertThat(repo.fetcher.requestedPaths()).hasSize(before);
    }

    @Test
    void aHashWardenDoesNotCheckIsSkippedAndTheOthersAreChecked() throws Exception {
        SimulatedRepository repo = listingHashes("sha224", "00".repeat(28), "sha256", hex("SHA-256", CONTENT));
        TrustedMetadata trusted = trusted(repo);

        FetchedFile file = repo.client().downloadTarget(trusted, trusted.targets().get(PATH), tmp.resolve("b.wpk"),
                Progress.none());

        assertThat(file.hashes()).containsOnlyKeys("sha256");
        assertThat(Files.readAllBytes(file.file())).isEqualTo(CONTENT);
    }

    @Test
    void aRightHashWardenDoesNotCheckCannotStandInForAWrongOneItDoes() throws Exception {
        SimulatedRepository repo = listingHashes("sha224", hex("SHA-224", CONTENT), "sha256", "00".repeat(32));
        TrustedMetadata trusted = trusted(repo);
        Path destination = tmp.resolve("b.wpk");

        refused(TufException.Kind.MISMATCH, () -> repo.client().downloadTarget(trusted, trusted.targets().get(PATH),
                destination, Progress.none()));

        assertThat(destination).doesNotExist();
    }

    @Test
    void aStoredFileIsNotHeldByHashesWardenDoesNotCheck() throws Exception {
        SimulatedRepository repo = listingHashes("sha224", hex("SHA-224", CONTENT));
        TrustedMetadata trusted = trusted(repo);
        TargetDirectory store = new TargetDirectory(tmp.resolve("targets"));
        TargetEntry entry = trusted.targets().get(PATH);
        Files.createDirectories(tmp.resolve("targets"));
        Files.write(store.fileFor(entry), CONTENT);

        assertThat(store.holds(entry)).isFalse();
        refused(TufException.Kind.MISMATCH, () -> store.fetch(repo.client(), trusted, entry, Progress.none()));
        assertThat(store.fileFor(entry)).hasBinaryContent(CONTENT);
    }

    @Test
    void refusesATargetWithAnotherHashAndDeletesWhatWasWritten() throws Exception {
        byte[] evil = CONTENT.clone();
        evil[0] ^= 1;

        TufException e = refusedWhenServed(evil);

        assertThat(e.getMessage()).contains("has sha256", "but targets.json lists", PATH);
    }

    @Test
    void refusesATargetShorterThanListedAndDeletesWhatWasWritten() throws Exception {
        TufException e = refusedWhenServed("short".getBytes(StandardCharsets.UTF_8));

        assertThat(e.getMessage()).contains("is 5 bytes, but targets.json lists " + CONTENT.length + " bytes");
    }

    @Test
    void refusesATargetLongerThanListed() throws Exception {
        TufException e = refusedWhenServed(new byte[CONTENT.length * 100]);

        assertThat(e.getMessage()).contains("is longer than the " + CONTENT.length + " bytes targets.json lists");
    }

    /** Serves {@code served} in place of the listed target; the download is refused and leaves no file. */
    private TufException refusedWhenServed(byte[] served) throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);
        repo.fetcher.put(hashedName(entry), served);
        Path destination = tmp.resolve("b.wpk");

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().downloadTarget(trusted, entry, destination, Progress.none()));

        assertThat(destination).doesNotExist();
        return e;
    }

    @Test
    void refusesATargetTheTrustedSetDoesNotList() throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry forged = new TargetEntry(PATH, 3, Map.of("sha256", "00"), Optional.empty());

        assertThatThrownBy(() -> repo.client().downloadTarget(trusted, forged, tmp.resolve("b"), Progress.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
