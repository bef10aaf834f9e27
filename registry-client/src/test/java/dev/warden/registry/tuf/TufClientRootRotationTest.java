package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.signing.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TufClientRootRotationTest {

    private SimulatedRepository repo;
    private TrustedMetadata bootstrapped;
    private SigningKey oldRootKey;

    @BeforeEach
    void setUp() throws Exception {
        repo = SimulatedRepository.create();
        bootstrapped = TrustedMetadata.bootstrap(repo.initialRoot());
        oldRootKey = repo.keys("root").get(0);
    }

    private RefreshResult refresh(TrustedMetadata trusted, int maxRotations) throws TufException {
        TufLimits defaults = TufLimits.defaults();
        TufLimits limits = new TufLimits(defaults.maxRootBytes(), defaults.maxTimestampBytes(),
                defaults.maxSnapshotBytes(), defaults.maxTargetsBytes(), maxRotations);
        return new TufClient(repo.fetcher, repo.clock(), limits).refresh(trusted);
    }

    /** Root version 2 held by a new key; signed by whatever the test leaves in the root signers. */
    private SigningKey rotateRootKey() {
        SigningKey newKey = repo.newKey();
        repo.setKeys("root", 1, newKey);
        repo.rootVersion = 2;
        return newKey;
    }

    @Test
    void acceptsARotationSignedByTheOldAndTheNewRootKeys() throws Exception {
        SigningKey newKey = rotateRootKey();
        repo.signers("root").add(oldRootKey);
        repo.publishRoot();

        RefreshResult result = refresh(bootstrapped, 256);

        assertThat(result.rootRotations()).isEqualTo(1);
        assertThat(result.metadata().rootVersion()).isEqualTo(2);
        assertThat(result.metadata().rootKeys()).containsExactly(newKey.publicKey());
        assertThat(result.metadata().version("root")).contains(2L);
    }

    @Test
    void walksSeveralRootVersionsInOneRefresh() throws Exception {
        repo.publishRoots(2, 3);

        RefreshResult result = refresh(bootstrapped, 256);

        assertThat(result.rootRotations()).isEqualTo(2);
        assertThat(result.metadata().rootVersion()).isEqualTo(3);
    }

    @Test
    void aSnapshotKeyRotationLetsTargetsStartAgainFromAnOlderVersion() throws Exception {
        repo.targetsVersion = 50;
        repo.publish();
        TrustedMetadata trusted = refresh(bootstrapped, 256).metadata();
        repo.setKeys("snapshot", 1, repo.newKey());
        repo.publishRoots(2);
        repo.targetsVersion = 1;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();

        TrustedMetadata recovered = refresh(trusted, 256).metadata();

        assertThat(recovered.version("targets")).contains(1L);
        assertThat(recovered.version("snapshot")).contains(2L);
    }

    @Test
    void stopsAtTheRotationCapAndContinuesNextTime() throws Exception {
        repo.publishRoots(2, 3);

        RefreshResult first = refresh(bootstrapped, 1);
        RefreshResult second = refresh(first.metadata(), 1);

        assertThat(first.metadata().rootVersion()).isEqualTo(2);
        assertThat(second.metadata().rootVersion()).isEqualTo(3);
    }

    @Test
    void refusesARotationSignedByTheOldKeysOnly() {
        rotateRootKey();
        repo.signers("root").clear();
        repo.signers("root").add(oldRootKey);
        repo.publishRoot();

        TufException e = refused(TufException.Kind.SIGNATURE, () -> refresh(bootstrapped, 256));

        assertThat(e.getMessage()).contains("2.root.json has 0 valid signatures by the root keys of root version 2");
    }

    @Test
    void refusesARotationSignedByTheNewKeysOnly() {
        rotateRootKey();
        repo.publishRoot();

        TufException e = refused(TufException.Kind.SIGNATURE, () -> refresh(bootstrapped, 256));

        assertThat(e.getMessage()).contains("2.root.json has 0 valid signatures by the root keys of root version 1");
    }

    @Test
    void refusesARootThatSkipsAVersion() {
        repo.rootVersion = 3;
        byte[] three = repo.publishRoot();
        repo.fetcher.remove("3.root.json");
        repo.fetcher.put("2.root.json", three);

        TufException e = refused(TufException.Kind.MISMATCH, () -> refresh(bootstrapped, 256));

        assertThat(e.getMessage()).contains("2.root.json is version 3 where version 2 belongs");
    }

    @Test
    void refusesAnOlderRootServedAsTheNextVersion() {
        repo.fetcher.put("2.root.json", repo.initialRoot());

        refused(TufException.Kind.ROLLBACK, () -> refresh(bootstrapped, 256));
    }
}
