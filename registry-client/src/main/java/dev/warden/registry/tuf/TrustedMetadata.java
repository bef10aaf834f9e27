package dev.warden.registry.tuf;

import dev.warden.signing.Ed25519PublicKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A verified set of a static repository's metadata: a root, and after the first refresh the
 * timestamp, snapshot and targets that chain from it, with the delegated targets roles loaded so far.
 * Immutable; {@link TufClient#refresh} returns a new set.
 */
public final class TrustedMetadata {

    static final String ROOT_FILE = "root.json";
    static final String TIMESTAMP_FILE = "timestamp.json";
    static final String SNAPSHOT_FILE = "snapshot.json";
    static final String TARGETS_FILE = "targets.json";

    private final RootMetadata root;
    private final TimestampMetadata timestamp;
    private final SnapshotMetadata snapshot;
    private TargetsMetadata targets;
    /** A cached targets file not read yet (then {@link #targets} is null until it is), or null. */
    private final CachedTargets cachedTargets;
    private final Map<String, TargetsMetadata> delegated;
    private Map<String, TargetEntry> visibleTargets;

    /**
     * A set as a refresh leaves it: a refresh that succeeded has all four top-level roles, one that
     * starts from a client's folder may have only some (each verified by the root's keys).
     */
    TrustedMetadata(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata snapshot, TargetsMetadata targets) {
        this(root, timestamp, snapshot, targets, Map.of());
    }

    /** @param delegated verified delegated roles by name, in the order loaded; only with a snapshot and targets */
    TrustedMetadata(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata snapshot, TargetsMetadata targets,
                    Map<String, TargetsMetadata> delegated) {
        this(root, timestamp, snapshot, targets, null, delegated);
    }

    private TrustedMetadata(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata snapshot,
                            TargetsMetadata targets, CachedTargets cachedTargets, Map<String, TargetsMetadata> delegated) {
        this.root = Objects.requireNonNull(root, "root");
        if (!delegated.isEmpty() && (snapshot == null || (targets == null && cachedTargets == null))) {
            throw new IllegalArgumentException("delegated roles are trusted only through a snapshot and targets");
        }
        this.timestamp = timestamp;
        this.snapshot = snapshot;
        this.targets = targets;
        this.cachedTargets = cachedTargets;
        this.delegated = Collections.unmodifiableMap(new LinkedHashMap<>(delegated));
    }

    /**
     * Starts trust from a root a person accepted (after comparing its key fingerprints). It must be
     * signed by a threshold of its own root keys; its expiry is checked by the first refresh, which
     * may find newer roots.
     *
     * @throws TufException for malformed JSON or metadata ({@link TufException.Kind#MALFORMED}) or too few
     *                      signatures ({@link TufException.Kind#SIGNATURE})
     */
    public static TrustedMetadata bootstrap(byte[] rootJson) throws TufException {
        return new TrustedMetadata(selfSignedRoot(rootJson, ROOT_FILE), null, null, null);
    }

    /**
     * Reads a set written by {@link #save} and verifies it again: the root's own signatures, and that
     * the other roles are signed by its keys and match the versions, lengths and hashes that list them.
     * Expiry is not checked here (the cache may be old); {@link TufClient#refresh} checks it. A targets file
     * the snapshot pins by hash is checked (length, hashes, header, version) when first needed: a refresh that
     * finds a new targets version listed never needs it.
     *
     * @throws IOException  when {@code root.json} is missing or a file cannot be read
     * @throws TufException when the folder does not hold a consistent verified set
     */
    public static TrustedMetadata load(Path dir) throws TufException, IOException {
        RootMetadata root = selfSignedRoot(Files.readAllBytes(dir.resolve(ROOT_FILE)), label(dir, ROOT_FILE));
        boolean[] present = {Files.exists(dir.resolve(TIMESTAMP_FILE)), Files.exists(dir.resolve(SNAPSHOT_FILE)),
                Files.exists(dir.resolve(TARGETS_FILE))};
        if (!present[0] && !present[1] && !present[2]) {
            return new TrustedMetadata(root, null, null, null);
        }
        if (!present[0] || !present[1] || !present[2]) {
            throw new TufException(TufException.Kind.MALFORMED, "the metadata cache " + dir + " holds only some of "
                    + TIMESTAMP_FILE + ", " + SNAPSHOT_FILE + " and " + TARGETS_FILE
                    + "; delete the folder so that the next update fetches the metadata again");
        }
        String tsLabel = label(dir, TIMESTAMP_FILE);
        TimestampMetadata timestamp = TimestampMetadata.parse(Envelope.parse(
                Files.readAllBytes(dir.resolve(TIMESTAMP_FILE)), tsLabel));
        root.verify(timestamp.envelope(), Role.TIMESTAMP);

        String snapLabel = label(dir, SNAPSHOT_FILE);
        byte[] snapBytes = Files.readAllBytes(dir.resolve(SNAPSHOT_FILE));
        timestamp.snapshot().verify(snapBytes, snapLabel, tsLabel);
        SnapshotMetadata snapshot = SnapshotMetadata.parse(Envelope.parse(snapBytes, snapLabel));
        root.verify(snapshot.envelope(), Role.SNAPSHOT);
        requireVersion(snapLabel, snapshot.version(), timestamp.snapshot().version(), tsLabel);

        String targetsLabel = label(dir, TARGETS_FILE);
        MetaFile targetsMeta = snapshot.metaFor(Role.TARGETS).orElseThrow(() -> JsonObject.malformed(snapLabel,
                "signed.meta lists no targets.json"));
        byte[] targetsBytes = Files.readAllBytes(dir.resolve(TARGETS_FILE));
        if (!targetsMeta.hashes().isEmpty()) {
            // The verified snapshot pins these exact bytes by hash, and they were verified in full when
            // they arrived: their hashes, header and version are checked when someone needs them.
            return new TrustedMetadata(root, timestamp, snapshot, null,
                    new CachedTargets(targetsBytes, targetsLabel, targetsMeta, snapLabel),
                    pinnedDelegatedRoles(dir, snapshot, snapLabel));
        }
        targetsMeta.verify(targetsBytes, targetsLabel, snapLabel);
        TargetsMetadata targets = TargetsMetadata.parse(targetsBytes, targetsLabel);
        root.verify(targets.envelope(), Role.TARGETS);
        requireVersion(targetsLabel, targets.version(), targetsMeta.version(), snapLabel);
        return new TrustedMetadata(root, timestamp, snapshot, targets, pinnedDelegatedRoles(dir, snapshot, snapLabel));
    }

    /**
     * The delegated roles saved in {@code dir} whose bytes the verified snapshot pins by hash. A role the
     * snapshot lists without hashes is left out: the next refresh fetches and checks it again.
     */
    private static Map<String, TargetsMetadata> pinnedDelegatedRoles(Path dir, SnapshotMetadata snapshot, String snapLabel)
            throws TufException, IOException {
        Map<String, TargetsMetadata> roles = new LinkedHashMap<>();
        for (Map.Entry<String, MetaFile> entry : snapshot.meta().entrySet()) {
            String name = entry.getKey().endsWith(".json")
                    ? entry.getKey().substring(0, entry.getKey().length() - ".json".length()) : entry.getKey();
            Path file = dir.resolve(MetadataNames.file(name));
            if (name.equals(Role.TARGETS) || RootMetadata.TOP_LEVEL.contains(name) || entry.getValue().hashes().isEmpty()
                    || !Files.isRegularFile(file)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            entry.getValue().verify(bytes, file.toString(), snapLabel);
            TargetsMetadata role = TargetsMetadata.parse(bytes, file.toString());
            requireVersion(file.toString(), role.version(), entry.getValue().version(), snapLabel);
            roles.put(name, role);
        }
        return roles;
    }

    static void requireVersion(String file, long actual, long listed, String listedBy) throws TufException {
        if (actual != listed) {
            throw new TufException(TufException.Kind.MISMATCH, file + " is version " + actual + ", but " + listedBy
                    + " lists version " + listed + "; delete the cache folder so that the next update fetches the"
                    + " metadata again");
        }
    }

    private static String label(Path dir, String file) {
        return dir.resolve(file).toString();
    }

    static RootMetadata selfSignedRoot(byte[] bytes, String file) throws TufException {
        RootMetadata root = RootMetadata.parse(Envelope.parse(bytes, file));
        root.verify(root.envelope(), Role.ROOT);
        return root;
    }

    /**
     * Writes the exact bytes received: {@code root.json} and, once refreshed, {@code timestamp.json},
     * {@code snapshot.json}, {@code targets.json} and each delegated role as {@code <quoted name>.json}. Write into a new folder and swap it in, so that a
     * crash never leaves a mixed set.
     *
     * @param emptyDir created if missing
     * @throws java.nio.file.FileAlreadyExistsException when one of those files is already there
     */
    public void save(Path emptyDir) throws IOException {
        Files.createDirectories(emptyDir);
        write(emptyDir.resolve(ROOT_FILE), root.envelope().raw());
        if (timestamp != null) {
            write(emptyDir.resolve(TIMESTAMP_FILE), timestamp.envelope().raw());
            write(emptyDir.resolve(SNAPSHOT_FILE), snapshot.envelope().raw());
            write(emptyDir.resolve(TARGETS_FILE), targetsRaw());
        }
        for (Map.Entry<String, TargetsMetadata> role : delegated.entrySet()) {
            write(emptyDir.resolve(MetadataNames.file(role.getKey())), role.getValue().envelope().raw());
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** The root role's Ed25519 keys, in the order the root lists them (keys of other types are not shown). */
    public List<Ed25519PublicKey> rootKeys() {
        return root.keysOf(Role.ROOT).stream().flatMap(k -> k.ed25519().stream()).toList();
    }

    /** How many root keys must sign a new root. */
    public int rootThreshold() {
        return root.role(Role.ROOT).threshold();
    }

    /** The version of the trusted root. */
    public long rootVersion() {
        return root.version();
    }

    /**
     * The trusted version of {@code "root"}, {@code "timestamp"}, {@code "snapshot"} or {@code "targets"};
     * empty for another name, or for the last three before the first refresh.
     */
    public Optional<Long> version(String role) {
        switch (role) {
            case Role.ROOT:
                return Optional.of(root.version());
            case Role.TIMESTAMP:
                return timestamp == null ? Optional.empty() : Optional.of(timestamp.version());
            case Role.SNAPSHOT:
                return snapshot == null ? Optional.empty() : Optional.of(snapshot.version());
            case Role.TARGETS:
                return targetsVersion();
            default:
                return Optional.empty();
        }
    }

    /**
     * The targets by path, sorted; empty before the first refresh. With delegations, a target listed by a
     * delegated role is here only when a search for its path ends in that role (so a role cannot add
     * paths outside those delegated to it), as far as the roles loaded allow.
     */
    public synchronized Map<String, TargetEntry> targets() {
        if (targets == null && cachedTargets == null) {
            return Map.of();
        }
        TargetsMetadata targets;
        try {
            targets = targetsMetadata().orElseThrow();
        } catch (TufException e) {
            throw new IllegalStateException("the cached targets file no longer reads: " + e.getMessage(), e);
        }
        if (delegated.isEmpty()) {
            return targets.targets();
        }
        if (visibleTargets == null) {
            visibleTargets = Collections.unmodifiableMap(visible());
        }
        return visibleTargets;
    }

    private Map<String, TargetEntry> visible() {
        TargetsMetadata targets = this.targets;
        Map<String, TargetEntry> out = new TreeMap<>(targets.targets());
        TargetSearch.Roles loaded = (role, from, delegator) -> Optional.ofNullable(delegated.get(role.name()));
        for (TargetsMetadata role : delegated.values()) {
            for (String path : role.targets().keySet()) {
                if (out.containsKey(path)) {
                    continue;
                }
                try {
                    TargetSearch.find(targets, path, loaded, Integer.MAX_VALUE).ifPresent(f -> out.put(path, f.entry()));
                } catch (TufException | IOException e) {
                    throw new IllegalStateException("a search among loaded roles fetches nothing and cannot fail", e);
                }
            }
        }
        return out;
    }

    /** Whether {@code target} is the entry the trusted metadata gives for its path. */
    boolean lists(TargetEntry target) {
        return target.equals(targets().get(target.path()));
    }

    /** The delegated roles loaded, by name. */
    Map<String, TargetsMetadata> delegated() {
        return delegated;
    }

    RootMetadata root() {
        return root;
    }

    Optional<TimestampMetadata> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    Optional<SnapshotMetadata> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * The trusted targets, read (and checked) now if they are a cached file not read yet.
     *
     * @throws TufException when a cached file fails the checks {@link #load} defers to its first use
     */
    synchronized Optional<TargetsMetadata> targetsMetadata() throws TufException {
        if (targets == null && cachedTargets != null) {
            targets = cachedTargets.read();
        }
        return Optional.ofNullable(targets);
    }

    /** The trusted targets' version, without reading a cached file: the verified snapshot lists it. */
    synchronized Optional<Long> targetsVersion() {
        if (targets != null) {
            return Optional.of(targets.version());
        }
        return cachedTargets == null ? Optional.empty() : Optional.of(cachedTargets.version());
    }

    /** The trusted targets file's bytes as received, without reading a cached one; null when there is none. */
    private synchronized byte[] targetsRaw() {
        if (targets != null) {
            return targets.envelope().raw();
        }
        return cachedTargets == null ? null : cachedTargets.raw();
    }

    /** True when every file's bytes are the same as in {@code other}. */
    boolean sameBytes(TrustedMetadata other) {
        return Arrays.equals(root.envelope().raw(), other.root.envelope().raw())
                && same(timestamp == null ? null : timestamp.envelope(), other.timestamp == null ? null : other.timestamp.envelope())
                && same(snapshot == null ? null : snapshot.envelope(), other.snapshot == null ? null : other.snapshot.envelope())
                && Arrays.equals(targetsRaw(), other.targetsRaw())
                && sameRoles(delegated, other.delegated);
    }

    private static boolean sameRoles(Map<String, TargetsMetadata> a, Map<String, TargetsMetadata> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, TargetsMetadata> role : a.entrySet()) {
            if (!same(role.getValue().envelope(), b.get(role.getKey()).envelope())) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Envelope a, Envelope b) {
        return a == null ? b == null : b != null && Arrays.equals(a.raw(), b.raw());
    }

    @Override
    public String toString() {
        return "TrustedMetadata[root " + root.version() + ", timestamp " + version(Role.TIMESTAMP).orElse(0L)
                + ", snapshot " + version(Role.SNAPSHOT).orElse(0L) + ", targets " + version(Role.TARGETS).orElse(0L) + "]";
    }
}
