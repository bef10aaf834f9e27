package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.registry.fetch.Progress;
import dev.warden.registry.testing.SimulatedRepository;
import dev.warden.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The families of the public TUF conformance suite, run the way its client-under-test runs: trusted
 * metadata in a folder under non-versioned names, each file stored as soon as it is accepted, the
 * versions in that folder checked after every refresh, targets in a folder of their own.
 */
class TufConformanceFamiliesTest {

    @TempDir
    Path tmp;

    private final SimulatedRepository repo = SimulatedRepository.create();
    private MetadataDirectory dir;

    @BeforeEach
    void trustTheInitialRoot() throws Exception {
        dir = repo.trustingDirectory(tmp.resolve("metadata"));
    }


    private TrustedMetadata refresh() throws Exception {
        return repo.client().refresh(dir);
    }

    /** The version of the role as stored in the folder, as the suite reads it. */
    private long stored(String role) throws Exception {
        byte[] bytes = Files.readAllBytes(dir.dir().resolve(role + ".json"));
        return JsonObject.of(StrictJson.parse(bytes, role), role, "top").object("signed").number("version", 1);
    }

    /** The refresh fails with {@code kind}, and the stored {@code role} is still at {@code version}. */
    private void assertRefusedKeepingVersion(TufException.Kind kind, String role, long version) throws Exception {
        refused(kind, this::refresh);

        assertThat(stored(role)).isEqualTo(version);
    }

    /** Publishes targets at version 100 and refreshes, so the folder trusts that fast-forwarded version. */
    private void trustTargetsFastForwardedTo100() throws Exception {
        repo.targetsVersion = 100;
        repo.publish();
        refresh();
    }

    /** Gives {@code role} one fresh key, in a root at version 2. */
    private void rotateKeyInRootTwo(String role) {
        repo.setKeys(role, 1, repo.newKey());
        repo.publishRoots(2);
    }

    /** Adds {@code path} with {@code content} and publishes new targets, snapshot and timestamp. */
    private void publishTarget(String path, byte[] content) {
        repo.addTarget(path, content, null);
        bump("targets", "snapshot", "timestamp");
    }

    private TargetSearchResult refreshAndFind(TufClient client, String path) throws Exception {
        return client.findTarget(dir, client.refresh(dir), path);
    }

    /** Fetches the target {@code found} names into {@code targets}: whether it was downloaded. */
    private static boolean fetch(TargetDirectory targets, TufClient client, TargetSearchResult found) throws Exception {
        return targets.fetch(client, found.metadata(), found.target().orElseThrow(), Progress.none());
    }

    private void bump(String... roles) {
        for (String role : roles) {
            switch (role) {
                case "targets" -> repo.targetsVersion++;
                case "snapshot" -> repo.snapshotVersion++;
                case "timestamp" -> repo.timestampVersion++;
                default -> throw new IllegalArgumentException(role);
            }
        }
        repo.publish();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFirstRefreshStoresEveryTopLevelRoleAndFetchesOnlyThem() throws Exception {
        refresh();

        assertThat(repo.fetcher.requestedPaths()).containsExactly("2.root.json", "timestamp.json", "1.snapshot.json",
                "1.targets.json");
        for (String role : new String[] {"root", "timestamp", "snapshot", "targets"}) {
            assertThat(stored(role)).as(role).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "snapshot", "targets"})
    void aRollbackOfAnyRoleFailsAndKeepsTheStoredVersions(String role) throws Exception {
        bump("targets", "snapshot", "timestamp");
        bump("targets", "snapshot", "timestamp");
        refresh();
        switch (role) {
            case "timestamp" -> repo.timestampVersion = 1;
            case "snapshot" -> {
                repo.snapshotVersion = 1;
                repo.timestampVersion = 4;
            }
            default -> {
                repo.targetsVersion = 1;
                repo.snapshotVersion = 4;
                repo.timestampVersion = 4;
            }
        }
        repo.publish();

        refused(TufException.Kind.ROLLBACK, this::refresh);

        // a timestamp listing an older snapshot, or a snapshot listing older targets, is itself refused
        assertThat(stored("timestamp")).isEqualTo(role.equals("targets") ? 4 : 3);
        assertThat(stored("snapshot")).isEqualTo(3);
        assertThat(stored("targets")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "timestamp", "snapshot", "targets"})
    void anExpiredRoleFailsTheRefreshAndIsNotStored(String role) throws Exception {
        refresh();
        switch (role) {
            case "root" -> {
                repo.rootVersion = 2;
                repo.rootExpires = SimulatedRepository.NOW.minusSeconds(1);
                repo.publishRoot();
            }
            case "timestamp" -> repo.timestampExpires = SimulatedRepository.NOW;
            case "snapshot" -> repo.snapshotExpires = SimulatedRepository.NOW;
            default -> repo.targetsExpires = SimulatedRepository.NOW;
        }
        if (!role.equals("root")) {
            bump("targets", "snapshot", "timestamp");
        }

        refused(TufException.Kind.EXPIRED, this::refresh);

        // an intermediate root is stored before the final root's expiry is judged, as in the reference client
        assertThat(stored("root")).isEqualTo(role.equals("root") ? 2 : 1);
        assertThat(stored(role.equals("root") ? "timestamp" : role)).isEqualTo(1);
    }

    @Test
    void metadataThatExpiresLaterIsRefusedWhenTheClockMovesPastIt() throws Exception {
        refresh();
        repo.now = SimulatedRepository.NOW.plus(Duration.ofDays(2)); // the timestamp lasts a day

        refused(TufException.Kind.EXPIRED, this::refresh);
    }

    @Test
    void aRootRotationChainIsWalkedAndEachRootStored() throws Exception {
        refresh();
        for (int version = 2; version <= 4; version++) {
            SigningKey old = repo.keys("root").get(0);
            repo.setKeys("root", 1, repo.newKey());
            repo.signers("root").add(old); // signed by the keys before it and its own
            repo.rootVersion = version;
            repo.publishRoot();
        }

        refresh();

        assertThat(stored("root")).isEqualTo(4);
    }

    @Test
    void aNewRootIsKeptEvenWhenTheSnapshotAfterItFailsItsThreshold() throws Exception {
        refresh();
        repo.setKeys("snapshot", 3, repo.keys("snapshot").get(0), repo.newKey(), repo.newKey());
        repo.signers("snapshot").subList(1, 3).clear();
        repo.publishRoots(2);
        bump("snapshot", "timestamp");

        refused(TufException.Kind.SIGNATURE, this::refresh);

        assertThat(stored("root")).isEqualTo(2);
        assertThat(stored("timestamp")).isEqualTo(2);
        assertThat(stored("snapshot")).isEqualTo(1);
    }

    @Test
    void oneKeyListedUnderManyKeyIdsCountsOnce() throws Exception {
        refresh();
        SigningKey key = repo.keys("snapshot").get(0);
        for (int i = 0; i < 5; i++) {
            repo.addRawKey("snapshot", "alias-" + i, SimulatedRepository.keyObject(key));
        }
        repo.setKeys("snapshot", 2, key);
        repo.publishRoots(2);
        bump("snapshot", "timestamp");

        assertRefusedKeepingVersion(TufException.Kind.SIGNATURE, "snapshot", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timestamp", "snapshot", "targets"})
    void aKeyIdListedTwiceInSignaturesIsRefusedEvenWhenTheThresholdIsMet(String role) throws Exception {
        refresh();
        SigningKey key = repo.keys(role).get(0);
        repo.signers(role).add(key); // the threshold is 1: the first signature alone would do
        bump("targets", "snapshot", "timestamp");

        TufException e = refused(TufException.Kind.MALFORMED, this::refresh);

        assertThat(e.getMessage()).contains("is listed twice in signatures");
        assertThat(stored(role)).isEqualTo(1);
        assertThat(stored("snapshot")).isEqualTo(role.equals("targets") ? 2 : 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid then garbage", "garbage then valid", "valid then the key id spelt with escapes"})
    void aKeyIdListedTwiceIsRefusedWhateverTheSecondEntryHolds(String form) throws Exception {
        repo.listLengthsAndHashes = false; // the timestamp pins no hash, so the snapshot can be edited after signing
        refresh();
        String keyId = SimulatedRepository.keyId(repo.keys("snapshot").get(0));
        bump("targets", "snapshot", "timestamp");
        String envelope = new String(repo.fetcher.get("2.snapshot.json").orElseThrow(), StandardCharsets.UTF_8);
        String valid = envelope.substring(envelope.indexOf("{\"keyid\""), envelope.lastIndexOf(']'));
        String garbage = "{\"keyid\":\"" + keyId + "\",\"sig\":\"" + "00".repeat(64) + "\"}";
        String escaped = valid.replace(keyId, "\\u00" + Integer.toHexString(keyId.charAt(0)) + keyId.substring(1));
        String doubled = switch (form) {
            case "valid then garbage" -> valid + "," + garbage;
            case "garbage then valid" -> garbage + "," + valid;
            default -> valid + "," + escaped;
        };
        repo.fetcher.put("2.snapshot.json", bytes(envelope.replace(valid, doubled)));

        TufException e = refused(TufException.Kind.MALFORMED, this::refresh);

        assertThat(e.getMessage()).contains("signatures[1].keyid \"" + keyId + "\" is listed twice");
        assertThat(stored("snapshot")).isEqualTo(1);
    }

    @Test
    void aRootThatListsOneKeyIdTwiceInSignaturesIsNotTrusted() throws Exception {
        repo.signers("root").add(repo.keys("root").get(0));
        repo.publishRoots(2);

        assertRefusedKeepingVersion(TufException.Kind.MALFORMED, "root", 1);
    }

    @Test
    void recoversFromAFastForwardedTimestampAfterItsKeyRotates() throws Exception {
        repo.timestampVersion = 1000;
        repo.publishTimestamp();
        refresh();
        rotateKeyInRootTwo("timestamp");
        repo.timestampVersion = 1;
        repo.publishTimestamp();

        refresh();

        assertThat(stored("timestamp")).isEqualTo(1);
    }

    @Test
    void recoversFromFastForwardedTargetsAfterTheSnapshotKeyRotates() throws Exception {
        repo.delegate("targets", "delegated", false, "delegatedpath/*");
        trustTargetsFastForwardedTo100();
        assertThat(stored("targets")).isEqualTo(100);
        // The operator's recovery: a new snapshot key, targets back at version 1, the delegated role dropped.
        rotateKeyInRootTwo("snapshot");
        repo.tweaks.put("snapshot", signed -> ((java.util.Map<?, ?>) signed.get("meta")).remove("delegated.json"));
        repo.targetsVersion = 1;
        bump("snapshot", "timestamp");

        refresh();

        assertThat(stored("targets")).isEqualTo(1);
        assertThat(stored("snapshot")).isEqualTo(2);
    }

    @Test
    void targetsOlderThanTheStoredOnesAreStillARollbackWhileTheSnapshotKeyStays() throws Exception {
        trustTargetsFastForwardedTo100();
        repo.rootVersion = 2; // a new root, but the same snapshot and timestamp keys: nothing to recover from
        repo.publishRoot();
        repo.targetsVersion = 1;
        bump("snapshot", "timestamp");

        assertRefusedKeepingVersion(TufException.Kind.ROLLBACK, "targets", 100);
    }

    @Test
    void aTargetsKeyRotationAloneDoesNotLetTargetsGoBack() throws Exception {
        trustTargetsFastForwardedTo100();
        rotateKeyInRootTwo("targets"); // the snapshot key stays: its rollback check still holds
        repo.targetsVersion = 1;
        bump("snapshot", "timestamp");

        refused(TufException.Kind.ROLLBACK, this::refresh);

        assertThat(stored("targets")).isEqualTo(100);
        assertThat(stored("snapshot")).isEqualTo(1);
    }

    @Test
    void aTimestampOfTheStoredVersionWithOtherContentIsNotStored() throws Exception {
        refresh();
        byte[] before = Files.readAllBytes(dir.dir().resolve("timestamp.json"));
        repo.timestampExpires = repo.timestampExpires.plusSeconds(60);
        repo.publishTimestamp();

        refresh();

        assertThat(Files.readAllBytes(dir.dir().resolve("timestamp.json"))).isEqualTo(before);
    }

    @Test
    void targetsThatDoNotMatchTheSnapshotsHashAreRefusedAndNotStored() throws Exception {
        refresh();
        bump("targets", "snapshot", "timestamp");
        repo.fetcher.put("2.targets.json", repo.fetcher.get("1.targets.json").orElseThrow());

        assertRefusedKeepingVersion(TufException.Kind.MISMATCH, "targets", 1);
    }

    @Test
    void withoutConsistentSnapshotsPlainNamesAreFetched() throws Exception {
        repo.consistentSnapshot = false;
        repo.publishRoots(2);
        repo.publish();

        refresh();

        assertThat(repo.fetcher.requestedPaths()).contains("snapshot.json", "targets.json");
        assertThat(stored("root")).isEqualTo(2);
    }

    @Test
    void aTargetIsDownloadedOnceAndAgainOnlyWhenItsMetadataChanges() throws Exception {
        publishTarget("dir/file.txt", bytes("one"));
        TargetDirectory targets = new TargetDirectory(tmp.resolve("targets"));
        TufClient client = repo.client();

        TargetSearchResult found = refreshAndFind(client, "dir/file.txt");
        assertThat(fetch(targets, client, found)).isTrue();
        found = refreshAndFind(client, "dir/file.txt");
        assertThat(fetch(targets, client, found)).isFalse();

        publishTarget("dir/file.txt", bytes("two"));
        found = refreshAndFind(client, "dir/file.txt");
        assertThat(fetch(targets, client, found)).isTrue();

        assertThat(Files.readString(targets.fileFor(found.target().get()))).isEqualTo("two");
        assertThat(targets.fileFor(found.target().get()).getFileName().toString()).isEqualTo("dir%2Ffile.txt");
    }

    @Test
    void aSubstitutedTargetIsRefusedAndTheStoredCopyKept() throws Exception {
        publishTarget("file", bytes("good"));
        TargetDirectory targets = new TargetDirectory(tmp.resolve("targets"));
        TufClient client = repo.client();
        TargetSearchResult found = refreshAndFind(client, "file");
        fetch(targets, client, found);
        Files.writeString(targets.fileFor(found.target().get()), "tampered locally");
        String stored = found.target().get().hashes().get("sha256");
        repo.fetcher.put("targets/" + stored + ".file", bytes("evil"));

        refused(TufException.Kind.MISMATCH, () -> targets.fetch(client, found.metadata(), found.target().get(),
                Progress.none()));

        assertThat(Files.readString(targets.fileFor(found.target().get()))).isEqualTo("tampered locally");
        try (var files = Files.list(tmp.resolve("targets"))) {
            assertThat(files).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "../x", "/etc/passwd"})
    void aTargetPathIsStoredAsOneNameInsideTheFolder(String path) {
        Path folder = tmp.resolve("targets");
        Path file = new TargetDirectory(folder).fileFor(new TargetEntry(path, 1, java.util.Map.of("sha256", "00"),
                java.util.Optional.empty()));

        assertThat(file.getParent()).isEqualTo(folder);
        assertThat(file.getFileName().toString()).doesNotContain("/").isNotIn(".", "..");
    }

    @Test
    void initRefusesARootNotSignedByItsOwnKeysAndStoresNothing() throws Exception {
        MetadataDirectory other = new MetadataDirectory(tmp.resolve("other"));
        byte[] root = repo.initialRoot();
        root[root.length / 2] ^= 1;

        TufException e = org.assertj.core.api.Assertions.catchThrowableOfType(TufException.class, () -> other.init(root));

        assertThat(e).isNotNull();
        assertThat(tmp.resolve("other/root.json")).doesNotExist();
    }
}
