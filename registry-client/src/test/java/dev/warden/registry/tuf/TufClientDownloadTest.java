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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufClientDownloadTest {

    private static final String PATH = "acme/notes/acme-notes-1.0.0.wpk";
    private static final byte[] CONTENT = "the notes bundle".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private SimulatedRepository repo(boolean consistent) {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.consistentSnapshot = consistent;
        repo.rootVersion = 2;
        repo.publishRoot();
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

    @Test
    void refusesATargetWithAnotherHashAndDeletesWhatWasWritten() throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);
        byte[] evil = CONTENT.clone();
        evil[0] ^= 1;
        repo.fetcher.put(hashedName(entry), evil);
        Path destination = tmp.resolve("b.wpk");

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().downloadTarget(trusted, entry, destination, Progress.none()));

        assertThat(e.getMessage()).contains("has sha256", "but targets.json lists", PATH);
        assertThat(destination).doesNotExist();
    }

    @Test
    void refusesATargetShorterThanListedAndDeletesWhatWasWritten() throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);
        repo.fetcher.put(hashedName(entry), "short".getBytes(StandardCharsets.UTF_8));
        Path destination = tmp.resolve("b.wpk");

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().downloadTarget(trusted, entry, destination, Progress.none()));

        assertThat(e.getMessage()).contains("is 5 bytes, but targets.json lists " + CONTENT.length + " bytes");
        assertThat(destination).doesNotExist();
    }

    @Test
    void refusesATargetLongerThanListed() throws Exception {
        SimulatedRepository repo = repo(true);
        TrustedMetadata trusted = trusted(repo);
        TargetEntry entry = trusted.targets().get(PATH);
        repo.fetcher.put(hashedName(entry), new byte[CONTENT.length * 100]);
        Path destination = tmp.resolve("b.wpk");

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().downloadTarget(trusted, entry, destination, Progress.none()));

        assertThat(e.getMessage()).contains("is longer than the " + CONTENT.length + " bytes targets.json lists");
        assertThat(destination).doesNotExist();
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
