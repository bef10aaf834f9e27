package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedMetadataTest {

    @TempDir
    Path tmp;

    private static TrustedMetadata refreshed(SimulatedRepository repo) throws TufException {
        return repo.client()
                .refresh(TrustedMetadata.bootstrap(repo.initialRoot())).metadata();
    }

    @Test
    void bootstrapTrustsARootSignedByItsOwnKeys() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();

        TrustedMetadata trusted = TrustedMetadata.bootstrap(repo.initialRoot());

        assertThat(trusted.rootVersion()).isEqualTo(1);
        assertThat(trusted.rootThreshold()).isEqualTo(1);
        assertThat(trusted.rootKeys()).containsExactly(repo.keys("root").get(0).publicKey());
        assertThat(trusted.targets()).isEmpty();
        assertThat(trusted.version("snapshot")).isEmpty();
        assertThat(trusted.version("delegated")).isEmpty();
    }

    @Test
    void aRootReformattedAfterSigningStillVerifiesThroughItsCanonicalForm() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        byte[] pretty = StrictJson.pretty(StrictJson.parse(repo.initialRoot(), "root.json"));

        assertThat(new String(pretty, java.nio.charset.StandardCharsets.UTF_8)).contains("\n  ");
        assertThat(TrustedMetadata.bootstrap(pretty).rootVersion()).isEqualTo(1);
    }

    @Test
    void aChangedValueFailsWhetherTheFileIsCanonicalOrNot() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        String canonical = new String(repo.initialRoot(), java.nio.charset.StandardCharsets.UTF_8);
        String changed = canonical.replace("\"threshold\":1", "\"threshold\":01").replace("\"version\":1", "\"version\":2");
        byte[] prettyChanged = StrictJson.pretty(StrictJson.parse(canonical.replace("\"version\":1", "\"version\":2")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "root.json"));

        assertThat(changed).isNotEqualTo(canonical);
        assertThatThrownBy(() -> TrustedMetadata.bootstrap(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(TufException.class);
        assertThatThrownBy(() -> TrustedMetadata.bootstrap(prettyChanged)).isInstanceOf(TufException.class);
    }

    @Test
    void bootstrapRefusesARootNotSignedByItsOwnKeys() {
        SimulatedRepository repo = SimulatedRepository.create();
        SigningKey stranger = repo.newKey();
        repo.signers("root").clear();
        repo.signers("root").add(stranger);

        TufException e = refused(TufException.Kind.SIGNATURE, () -> TrustedMetadata.bootstrap(repo.publishRoot()));

        assertThat(e.getMessage()).contains("root.json has 0 valid signatures by the root keys of root version 1");
    }

    @Test
    void bootstrapRefusesSomethingThatIsNotARoot() {
        SimulatedRepository repo = SimulatedRepository.create();

        TufException e = refused(TufException.Kind.MALFORMED,
                () -> TrustedMetadata.bootstrap(repo.fetcher.get("timestamp.json").orElseThrow()));

        assertThat(e.getMessage()).contains("is timestamp metadata where root metadata belongs");
    }

    @Test
    void refusesAnUnsupportedSpecVersion() {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.tweaks.put("root", signed -> signed.put("spec_version", "2.0.0"));

        refused(TufException.Kind.MALFORMED, () -> TrustedMetadata.bootstrap(repo.publishRoot()));
    }

    @Test
    void refusesAnExpiryInAnotherFormat() {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.tweaks.put("root", signed -> signed.put("expires", "2030-01-01T00:00:00+00:00"));

        TufException e = refused(TufException.Kind.MALFORMED, () -> TrustedMetadata.bootstrap(repo.publishRoot()));

        assertThat(e.getMessage()).contains("root.json: signed has expires \"2030-01-01T00:00:00+00:00\"");
    }

    @Test
    void saveThenLoadGivesTheSameVerifiedSet() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.addTarget("a/b/a-b-1.0.0.wpk", "b".getBytes(StandardCharsets.UTF_8), null);
        repo.publish();
        TrustedMetadata trusted = refreshed(repo);

        trusted.save(tmp.resolve("cache"));
        TrustedMetadata loaded = TrustedMetadata.load(tmp.resolve("cache"));

        assertThat(loaded.sameBytes(trusted)).isTrue();
        assertThat(loaded.targets()).isEqualTo(trusted.targets());
        assertThat(Files.readAllBytes(tmp.resolve("cache/targets.json")))
                .isEqualTo(repo.fetcher.get("1.targets.json").orElseThrow());
    }

    @Test
    void savesABootstrappedRootAlone() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        TrustedMetadata trusted = TrustedMetadata.bootstrap(repo.initialRoot());

        trusted.save(tmp.resolve("cache"));

        try (var files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("root.json");
        }
        assertThat(TrustedMetadata.load(tmp.resolve("cache")).rootVersion()).isEqualTo(1);
    }

    @Test
    void saveRefusesToOverwriteAnEarlierSet() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        TrustedMetadata trusted = TrustedMetadata.bootstrap(repo.initialRoot());
        trusted.save(tmp.resolve("cache"));

        assertThatThrownBy(() -> trusted.save(tmp.resolve("cache"))).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aCachedTargetsFileSwappedAfterSavingIsRefusedWhenItIsFirstNeeded() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        TrustedMetadata trusted = refreshed(repo);
        trusted.save(tmp.resolve("cache"));
        repo.targetsVersion = 2;
        repo.listLengthsAndHashes = false;
        Files.write(tmp.resolve("cache/targets.json"), repo.publishTargets());

        TrustedMetadata loaded = TrustedMetadata.load(tmp.resolve("cache"));

        assertThat(loaded.version("targets")).contains(1L);
        TufException e = refused(TufException.Kind.MISMATCH, loaded::targetsMetadata);
        assertThat(e.getMessage()).contains("targets.json");
        assertThatThrownBy(loaded::targets).isInstanceOf(IllegalStateException.class).hasMessageContaining("targets.json");
    }

    @Test
    void aRefreshWhoseSnapshotStillListsTheCachedTargetsChecksThemAndRefusesASwappedFile() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        refreshed(repo).save(tmp.resolve("cache"));
        byte[] published = Files.readAllBytes(tmp.resolve("cache/targets.json"));
        repo.targetsVersion = 2;
        repo.listLengthsAndHashes = false;
        Files.write(tmp.resolve("cache/targets.json"), repo.publishTargets());
        repo.targetsVersion = 1;
        repo.listLengthsAndHashes = true;
        repo.fetcher.put("1.targets.json", published);

        TufException e = refused(TufException.Kind.MISMATCH,
                () -> repo.client().refresh(TrustedMetadata.load(tmp.resolve("cache"))));

        assertThat(e.getMessage()).contains("targets.json");
    }

    @Test
    void aRefreshWhoseSnapshotListsNewTargetsReplacesTheCachedFileWithoutNeedingIt() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        refreshed(repo).save(tmp.resolve("cache"));
        Files.write(tmp.resolve("cache/targets.json"), "not even JSON".getBytes(StandardCharsets.UTF_8));
        repo.addTarget("a/b/c.wpk", "content".getBytes(StandardCharsets.UTF_8), java.util.Map.of());
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();

        RefreshResult result = repo.client().refresh(TrustedMetadata.load(tmp.resolve("cache")));

        assertThat(result.changed()).isTrue();
        assertThat(result.metadata().version("targets")).contains(2L);
        assertThat(result.metadata().targets()).containsKey("a/b/c.wpk");
    }

    @Test
    void loadRefusesACacheMissingSomeRoles() throws Exception {
        SimulatedRepository repo = SimulatedRepository.create();
        refreshed(repo).save(tmp.resolve("cache"));
        Files.delete(tmp.resolve("cache/snapshot.json"));

        TufException e = refused(TufException.Kind.MALFORMED, () -> TrustedMetadata.load(tmp.resolve("cache")));

        assertThat(e.getMessage()).contains("delete the folder");
    }
}
