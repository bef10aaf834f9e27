package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.io.WardenException;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TufClientRefreshTest {

    private SimulatedRepository repo;
    private TrustedMetadata bootstrapped;

    @BeforeEach
    void setUp() throws Exception {
        repo = SimulatedRepository.create();
        repo.addTarget("acme/notes/acme-notes-1.0.0.wpk", "notes".getBytes(StandardCharsets.UTF_8), null);
        repo.publish();
        bootstrapped = TrustedMetadata.bootstrap(repo.initialRoot());
    }


    private TrustedMetadata refresh(TrustedMetadata trusted) throws TufException {
        return repo.client().refresh(trusted).metadata();
    }

    /** Everything one step newer: a target added, targets, snapshot and timestamp at version 2. */
    /** Refreshing from the bootstrapped metadata fails with {@code kind}, in a message holding all of {@code parts}. */
    private void assertRefreshRefused(TufException.Kind kind, String... parts) {
        TufException e = refused(kind, () -> refresh(bootstrapped));

        assertThat(e.getMessage()).contains(parts);
    }

    /** Publishes with no lengths or hashes listed, then serves {@code role}'s version 1 file as its version 2. */
    private void publishUnlistedAndServeVersionOneAsTwo(String role) {
        repo.listLengthsAndHashes = false;
        repo.publish();
        repo.fetcher.put("2." + role + ".json", repo.fetcher.get("1." + role + ".json").orElseThrow());
    }

    private void publishVersionTwo() {
        repo.addTarget("acme/notes/acme-notes-1.1.0.wpk", "notes 1.1".getBytes(StandardCharsets.UTF_8), null);
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();
    }

    /** Publishes everything at version 2 and refreshes to it from the bootstrapped metadata. */
    private TrustedMetadata trustVersionTwo() throws TufException {
        publishVersionTwo();
        return refresh(bootstrapped);
    }

    private void publishSnapshotAndTimestamp() {
        repo.publishSnapshot();
        repo.publishTimestamp();
    }

    @Test
    void firstRefreshFromABootstrappedRootTrustsEveryRole() throws Exception {
        assertThat(bootstrapped.targets()).isEmpty();
        assertThat(bootstrapped.version("timestamp")).isEmpty();

        RefreshResult result = repo.client().refresh(bootstrapped);

        assertThat(result.changed()).isTrue();
        assertThat(result.rootRotations()).isZero();
        TrustedMetadata trusted = result.metadata();
        assertThat(trusted.version("timestamp")).contains(1L);
        assertThat(trusted.version("snapshot")).contains(1L);
        assertThat(trusted.version("targets")).contains(1L);
        assertThat(trusted.targets()).containsOnlyKeys("acme/notes/acme-notes-1.0.0.wpk");
        TargetEntry entry = trusted.targets().get("acme/notes/acme-notes-1.0.0.wpk");
        assertThat(entry.length()).isEqualTo(5);
        assertThat(entry.hashes()).containsOnlyKeys("sha256", "sha512");
        assertThat(entry.listing()).isEmpty();
    }

    @Test
    void refreshNeverChangesTheSetItStartedFrom() throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        publishVersionTwo();

        refresh(trusted);

        assertThat(bootstrapped.version("timestamp")).isEmpty();
        assertThat(trusted.version("targets")).contains(1L);
        assertThat(trusted.targets()).hasSize(1);
    }

    @Test
    void anUpdateIsPickedUp() throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        publishVersionTwo();

        RefreshResult result = repo.client().refresh(trusted);

        assertThat(result.changed()).isTrue();
        assertThat(result.metadata().version("targets")).contains(2L);
        assertThat(result.metadata().targets()).containsOnlyKeys("acme/notes/acme-notes-1.0.0.wpk",
                "acme/notes/acme-notes-1.1.0.wpk");
    }

    @Test
    void nothingNewMeansUnchangedAndOnlyTheTimestampIsFetched() throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.fetcher.clearRequests();

        RefreshResult result = repo.client().refresh(trusted);

        assertThat(result.changed()).isFalse();
        assertThat(repo.fetcher.requestedPaths()).containsExactly("2.root.json", "timestamp.json");
    }

    @Test
    void aTimestampOfTheTrustedVersionIsIgnoredEvenIfItsBytesDiffer() throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.timestampExpires = repo.timestampExpires.plus(Duration.ofHours(1));
        repo.publishTimestamp();

        RefreshResult result = repo.client().refresh(trusted);

        assertThat(result.changed()).isFalse();
    }

    @Test
    void refusesATimestampRollback() throws Exception {
        byte[] timestampOne = repo.fetcher.get("timestamp.json").orElseThrow();
        TrustedMetadata trusted = trustVersionTwo();
        repo.fetcher.put("timestamp.json", timestampOne);

        TufException e = refused(TufException.Kind.ROLLBACK, () -> refresh(trusted));

        assertThat(e.getMessage()).contains("timestamp.json version 1 is older than the trusted version 2",
                "keep using the cached metadata and tell its operator");
        assertThat(e.category()).isEqualTo(WardenException.Category.INTEGRITY);
    }

    @Test
    void refusesASnapshotRollback() throws Exception {
        TrustedMetadata trusted = trustVersionTwo();
        repo.snapshotVersion = 1;
        repo.timestampVersion = 3;
        publishSnapshotAndTimestamp();

        TufException e = refused(TufException.Kind.ROLLBACK, () -> refresh(trusted));

        assertThat(e.getMessage()).contains("lists snapshot version 1, older than the trusted snapshot version 2");
    }

    @Test
    void refusesATargetsRollback() throws Exception {
        TrustedMetadata trusted = trustVersionTwo();
        repo.targetsVersion = 1;
        repo.snapshotVersion = 3;
        repo.timestampVersion = 3;
        publishSnapshotAndTimestamp();

        TufException e = refused(TufException.Kind.ROLLBACK, () -> refresh(trusted));

        assertThat(e.getMessage()).contains("3.snapshot.json version 3 lists targets.json version 1, older than the"
                + " trusted version 2");
    }

    @Test
    void refusesAnExpiredRoot() throws Exception {
        repo.rootVersion = 2;
        repo.rootExpires = SimulatedRepository.NOW.minusSeconds(1);
        repo.publishRoot();

        assertRefreshRefused(TufException.Kind.EXPIRED, "root.json version 2 expired at 2026-05-31T23:59:59Z"
                + " (now 2026-06-01T00:00:00Z)");
    }

    @Test
    void refusesAnExpiredTimestamp() {
        repo.timestampExpires = SimulatedRepository.NOW;
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.EXPIRED, "timestamp.json version 1 expired", "freeze attack");
    }

    @Test
    void refusesAnExpiredSnapshot() {
        repo.snapshotExpires = SimulatedRepository.NOW.minus(Duration.ofDays(1));
        publishSnapshotAndTimestamp();

        assertRefreshRefused(TufException.Kind.EXPIRED, "1.snapshot.json version 1 expired");
    }

    @Test
    void refusesExpiredTargets() {
        repo.targetsExpires = SimulatedRepository.NOW.minus(Duration.ofDays(1));
        repo.publish();

        assertRefreshRefused(TufException.Kind.EXPIRED, "1.targets.json version 1 expired");
    }

    @Test
    void refusesMetadataThatExpiresWhileTheClockRuns() throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.now = SimulatedRepository.NOW.plus(Duration.ofDays(2));

        refused(TufException.Kind.EXPIRED, () -> refresh(trusted));
    }

    @Test
    void refusesASnapshotOfAnotherVersionThanTheTimestampLists() {
        publishUnlistedAndServeVersionOneAsTwo("snapshot");
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "2.snapshot.json is version 1, but timestamp.json lists version 2");
    }

    @Test
    void refusesTargetsOfAnotherVersionThanTheSnapshotLists() {
        publishUnlistedAndServeVersionOneAsTwo("targets");
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        publishSnapshotAndTimestamp();

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "2.targets.json is version 1, but snapshot.json version 2 lists version 2");
    }

    @Test
    void refusesASnapshotWhoseHashIsNotTheListedOne() {
        repo.snapshotExpires = repo.snapshotExpires.plusSeconds(1);
        byte[] other = repo.publishSnapshot();
        repo.snapshotExpires = repo.snapshotExpires.plusSeconds(1);
        publishSnapshotAndTimestamp();
        repo.fetcher.put("1.snapshot.json", other);

        assertRefreshRefused(TufException.Kind.MISMATCH, "1.snapshot.json has sha256", "but timestamp.json lists");
    }

    @Test
    void refusesASnapshotShorterThanTheListedLength() {
        long length = repo.fetcher.get("1.snapshot.json").orElseThrow().length;
        repo.tweaks.put("timestamp", signed -> meta(signed, "snapshot.json").put("length", length + 10));
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "1.snapshot.json is " + length + " bytes, but timestamp.json lists "
                + (length + 10));
    }

    @Test
    void refusesASnapshotLongerThanTheListedLengthWithoutReadingPastIt() {
        long length = repo.fetcher.get("1.snapshot.json").orElseThrow().length;
        repo.tweaks.put("timestamp", signed -> meta(signed, "snapshot.json").put("length", length - 10));
        repo.publishTimestamp();

        TufException e = refused(TufException.Kind.MISMATCH, () -> refresh(bootstrapped));

        assertThat(e.getMessage()).contains("1.snapshot.json is longer than the " + (length - 10) + " bytes timestamp.json lists");
        assertThat(repo.fetcher.requests()).contains(new dev.warden.registry.testing.InMemoryFetcher.Request(
                "1.snapshot.json", length - 10));
    }

    @Test
    void refusesTargetsWhoseHashIsNotTheListedOne() {
        repo.targetsExpires = repo.targetsExpires.plusSeconds(1);
        byte[] other = repo.publishTargets();
        repo.targetsExpires = repo.targetsExpires.plusSeconds(1);
        repo.publish();
        repo.fetcher.put("1.targets.json", other);

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "1.targets.json has sha256", "but snapshot.json version 1 lists");
    }

    @Test
    void targetsWhoseHashIsNotTheListedOneAreAMismatchEvenWhenTheyAreNotJson() {
        byte[] listed = repo.fetcher.get("1.targets.json").orElseThrow();
        byte[] broken = listed.clone();
        broken[broken.length - 1] = ','; // same length, no longer JSON: the hash is still what is reported

        repo.fetcher.put("1.targets.json", broken);

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "1.targets.json has sha256", "but snapshot.json version 1 lists");
    }

    @Test
    void refusesTargetsOfAnotherLengthThanListed() {
        long length = repo.fetcher.get("1.targets.json").orElseThrow().length;
        repo.tweaks.put("snapshot", signed -> meta(signed, "targets.json").put("length", length + 1));
        publishSnapshotAndTimestamp();

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "1.targets.json is " + length + " bytes, but snapshot.json version 1 lists");
    }

    @Test
    void refusesAnOversizedTimestampAndStopsReadingAtTheCap() {
        repo.fetcher.put("timestamp.json", new byte[40_000]);

        TufException e = refused(TufException.Kind.TOO_LARGE, () -> refresh(bootstrapped));

        assertThat(e.getMessage()).contains("timestamp.json is larger than the limit of 16384 bytes");
        assertThat(repo.fetcher.requests()).contains(
                new dev.warden.registry.testing.InMemoryFetcher.Request("timestamp.json", 16384));
    }

    @Test
    void refusesAnOversizedSnapshotWhenNoLengthIsListed() {
        repo.listLengthsAndHashes = false;
        repo.publish();
        TufLimits small = new TufLimits(512 * 1024, 16 * 1024, 100, 64 * 1024 * 1024, 10);

        TufException e = refused(TufException.Kind.TOO_LARGE,
                () -> new TufClient(repo.fetcher, repo.clock(), small).refresh(bootstrapped));

        assertThat(e.getMessage()).contains("1.snapshot.json is larger than the limit of 100 bytes");
    }

    @Test
    void refusesAListedLengthOverTheCapWithoutFetching() {
        TufLimits small = new TufLimits(512 * 1024, 16 * 1024, 2 * 1024 * 1024, 100, 10);

        TufException e = refused(TufException.Kind.TOO_LARGE,
                () -> new TufClient(repo.fetcher, repo.clock(), small).refresh(bootstrapped));

        assertThat(e.getMessage()).contains("bytes for 1.targets.json, over the limit of 100 bytes");
        assertThat(repo.fetcher.count("1.targets.json")).isZero();
    }

    @Test
    void refusesAnOversizedNewRoot() {
        repo.fetcher.put("2.root.json", new byte[600 * 1024]);

        refused(TufException.Kind.TOO_LARGE, () -> refresh(bootstrapped));
    }

    @Test
    void aSnapshotTheTimestampListsOnlyBySha224IsRefused() throws Exception {
        byte[] snapshot = repo.fetcher.get("1.snapshot.json").orElseThrow();
        String sha224 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-224").digest(snapshot));
        repo.tweaks.put("timestamp", signed -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) signed.get("meta")).get("snapshot.json");
            meta.put("hashes", new LinkedHashMap<>(Map.of("sha224", sha224)));
        });
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.MISMATCH,
                "timestamp.json lists only hashes Warden does not check (\"sha224\") for"
                + " 1.snapshot.json");
    }

    @Test
    void aSnapshotListedWithAnUncheckedHashBesideSha256IsCheckedBySha256() throws Exception {
        repo.tweaks.put("timestamp", signed -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) ((Map<String, Object>) signed.get("meta")).get("snapshot.json");
            @SuppressWarnings("unchecked")
            Map<String, Object> hashes = new LinkedHashMap<>((Map<String, Object>) meta.get("hashes"));
            hashes.put("blake2b", "00");
            meta.put("hashes", hashes);
        });
        repo.publishTimestamp();

        assertThat(refresh(bootstrapped).version("snapshot")).contains(1L);

        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.publish();
        repo.fetcher.put("2.snapshot.json", repo.fetcher.get("1.snapshot.json").orElseThrow());
        refused(TufException.Kind.MISMATCH, () -> refresh(bootstrapped));
    }

    @Test
    void refusesATimestampNotSignedByTheTimestampKey() {
        repo.signers("timestamp").clear();
        repo.signers("timestamp").add(repo.keys("snapshot").get(0));
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.SIGNATURE,
                "timestamp.json has 0 valid signatures by the timestamp keys of root"
                + " version 1, and 1 is required");
    }

    @Test
    void theSameSignatureTwiceCannotMakeUpAThreshold() throws Exception {
        SigningKey first = repo.newKey();
        repo.setKeys("timestamp", 2, first, repo.newKey());
        repo.publishRoots(2);
        repo.signers("timestamp").clear();
        repo.signers("timestamp").addAll(List.of(first, first));
        repo.publishTimestamp();

        assertRefreshRefused(TufException.Kind.MALFORMED,
                "timestamp.json: signatures[1].keyid \"" + SimulatedRepository.keyId(first)
                + "\" is listed twice in signatures");
    }

    @Test
    void aSignatureByAKeyOutsideTheRoleCountsNothing() {
        SigningKey first = repo.newKey();
        repo.setKeys("timestamp", 2, first, repo.newKey());
        repo.publishRoots(2);
        repo.signers("timestamp").clear();
        repo.signers("timestamp").addAll(List.of(first, repo.keys("snapshot").get(0)));
        repo.publishTimestamp();

        refused(TufException.Kind.SIGNATURE, () -> refresh(bootstrapped));
    }

    @Test
    void keysOfUnknownTypesAreIgnoredAndNeverCounted() throws Exception {
        Map<String, Object> rsa = SimulatedRepository.keyObject("rsa", "rsassa-pss-sha256", "-----BEGIN PUBLIC KEY-----");
        repo.addRawKey("timestamp", "abcd", rsa);
        repo.publishRoots(2);

        TrustedMetadata trusted = refresh(bootstrapped);

        assertThat(trusted.rootVersion()).isEqualTo(2);
    }

    @Test
    void recoversFromAFastForwardedTimestampOnceItsKeyIsRotated() throws Exception {
        repo.timestampVersion = 1000;
        repo.publishTimestamp();
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.setKeys("timestamp", 1, repo.newKey());
        repo.publishRoots(2);
        repo.timestampVersion = 1;
        repo.publishTimestamp();

        RefreshResult result = repo.client().refresh(trusted);

        assertThat(result.rootRotations()).isEqualTo(1);
        assertThat(result.metadata().version("timestamp")).contains(1L);
    }

    @Test
    void recoversFromAFastForwardedSnapshotOnceItsKeyIsRotated() throws Exception {
        repo.snapshotVersion = 1000;
        repo.timestampVersion = 2;
        publishSnapshotAndTimestamp();
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.setKeys("snapshot", 1, repo.newKey());
        repo.publishRoots(2);
        repo.snapshotVersion = 1;
        repo.timestampVersion = 1;
        publishSnapshotAndTimestamp();

        TrustedMetadata updated = refresh(trusted);

        assertThat(updated.version("snapshot")).contains(1L);
        assertThat(updated.version("timestamp")).contains(1L);
    }

    @Test
    void aFastForwardedTimestampStaysRefusedWithoutAKeyRotation() throws Exception {
        repo.timestampVersion = 1000;
        repo.publishTimestamp();
        TrustedMetadata trusted = refresh(bootstrapped);
        repo.publishRoots(2);
        repo.timestampVersion = 1;
        repo.publishTimestamp();

        refused(TufException.Kind.ROLLBACK, () -> refresh(trusted));
    }

    @Test
    void fetchesVersionedNamesWhenTheRootUsesConsistentSnapshots() throws Exception {
        refresh(bootstrapped);

        assertThat(repo.fetcher.requestedPaths()).containsExactly("2.root.json", "timestamp.json",
                "1.snapshot.json", "1.targets.json");
    }

    @Test
    void fetchesPlainNamesWithoutConsistentSnapshots() throws Exception {
        repo.consistentSnapshot = false;
        repo.publishRoots(2);
        repo.fetcher.clearRequests();

        refresh(bootstrapped);

        assertThat(repo.fetcher.requestedPaths()).containsExactly("2.root.json", "3.root.json", "timestamp.json",
                "snapshot.json", "targets.json");
    }

    @Test
    void toleratesDelegationsInTargets() throws Exception {
        repo.tweaks.put("targets", signed -> {
            Map<String, Object> delegations = new LinkedHashMap<>();
            delegations.put("keys", new LinkedHashMap<String, Object>());
            delegations.put("roles", List.of());
            signed.put("delegations", delegations);
        });
        repo.publish();

        assertThat(refresh(bootstrapped).targets()).hasSize(1);
    }

    @Test
    void aFetchFailureIsNotAnIntegrityFailureAndKeepsItsMessageAndCause() {
        FetchException failure = new FetchException(FetchException.Kind.SERVER_ERROR,
                "https://example.com/timestamp.json answered 503 three times; try again later");
        repo.fetcher.failWith("timestamp.json", failure);

        TufException e = refused(TufException.Kind.FETCH, () -> refresh(bootstrapped));

        assertThat(e.category()).isNotEqualTo(WardenException.Category.INTEGRITY);
        assertThat(e.getMessage()).isEqualTo(failure.getMessage());
        assertThat(e.getCause()).isSameAs(failure);
    }

    @Test
    void aFailedRefreshLeavesTheSavedSetAsItWas(@TempDir Path tmp) throws Exception {
        TrustedMetadata trusted = refresh(bootstrapped);
        Path cache = tmp.resolve("cache");
        trusted.save(cache);
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (String file : List.of("root.json", "timestamp.json", "snapshot.json", "targets.json")) {
            before.put(file, Files.readAllBytes(cache.resolve(file)));
        }
        repo.targetsVersion = 2;
        repo.snapshotVersion = 2;
        repo.timestampVersion = 2;
        repo.targetsExpires = SimulatedRepository.NOW.minusSeconds(5);
        repo.publish();

        refused(TufException.Kind.EXPIRED, () -> refresh(TrustedMetadata.load(cache)));

        assertThat(trusted.version("targets")).contains(1L);
        for (Map.Entry<String, byte[]> file : before.entrySet()) {
            assertThat(Files.readAllBytes(cache.resolve(file.getKey()))).isEqualTo(file.getValue());
        }
        assertThat(TrustedMetadata.load(cache).version("timestamp")).contains(1L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> meta(Map<String, Object> signed, String file) {
        return (Map<String, Object>) ((Map<String, Object>) signed.get("meta")).get(file);
    }
}
