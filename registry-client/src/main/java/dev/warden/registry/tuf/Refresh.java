package dev.warden.registry.tuf;

import dev.warden.io.Beside;
import dev.warden.registry.fetch.Fetcher;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the TUF client workflow (specification §5.3–5.6) from a trusted set: new roots, then the
 * timestamp, the snapshot and the targets, each checked against what is already trusted; then, for a
 * whole-repository refresh, every delegated role. Single use; the reference time is fixed when it is
 * created, so that every expiry is judged at the same instant.
 */
final class Refresh {

    private final MetadataReader reader;
    private final TufLimits limits;
    private final Instant now;
    private final TrustedMetadata start;
    private final AcceptedFiles accepted;
    private final boolean allDelegatedRoles;

    /**
     * @param accepted          told of each file as soon as it is accepted
     * @param allDelegatedRoles also load every delegated role (a marketplace lists them all); otherwise
     *                          delegated roles are loaded when a search for a target needs them
     */
    Refresh(Fetcher fetcher, TufLimits limits, Instant now, TrustedMetadata start, AcceptedFiles accepted,
            boolean allDelegatedRoles) {
        this.reader = new MetadataReader(fetcher);
        this.limits = limits;
        this.now = now;
        this.start = start;
        this.accepted = accepted;
        this.allDelegatedRoles = allDelegatedRoles;
    }

    RefreshResult run() throws TufException, IOException {
        RootMetadata root = start.root();
        int rotations = 0;
        while (rotations < limits.maxRootRotations()) {
            String file = (root.version() + 1) + ".root.json";
            Optional<byte[]> next = reader.fetchIfPresent(file, limits.maxRootBytes());
            if (next.isEmpty()) {
                break;
            }
            root = rotate(root, RootMetadata.parse(Envelope.parse(next.get(), file)));
            accepted.accepted(Role.ROOT, next.get());
            rotations++;
        }
        root.header().checkNotExpired("root.json", now);

        TimestampMetadata timestamp = start.timestamp().orElse(null);
        SnapshotMetadata snapshot = start.snapshot().orElse(null);
        // the start's targets, as a set whose cached targets file is read only if it is still needed
        TrustedMetadata trustedTargets = start;
        if (rotations > 0) {
            // Fast-forward attack recovery (§5.3.11): versions signed by rotated-out timestamp or
            // snapshot keys may have been pushed arbitrarily high, so they must not block new ones.
            RootMetadata old = start.root();
            if (!new HashSet<>(old.keysOf(Role.TIMESTAMP)).equals(new HashSet<>(root.keysOf(Role.TIMESTAMP)))
                    || !new HashSet<>(old.keysOf(Role.SNAPSHOT)).equals(new HashSet<>(root.keysOf(Role.SNAPSHOT)))) {
                timestamp = null;
                snapshot = null;
            }
            // As python-tuf does, metadata the final root no longer vouches for is forgotten rather than trusted.
            if (timestamp != null && !root.verifies(timestamp.envelope(), Role.TIMESTAMP)) {
                timestamp = null;
            }
            if (snapshot != null && !root.verifies(snapshot.envelope(), Role.SNAPSHOT)) {
                snapshot = null;
            }
            Optional<TargetsMetadata> targets = start.targetsMetadata();
            if (targets.isPresent() && !root.verifies(targets.get().envelope(), Role.TARGETS)) {
                trustedTargets = null;
            }
        }

        timestamp = updateTimestamp(root, timestamp);
        snapshot = updateSnapshot(root, timestamp, snapshot);
        TargetsMetadata targets = updateTargets(root, snapshot, trustedTargets);

        Map<String, TargetsMetadata> delegated = Map.of();
        if (allDelegatedRoles) {
            Map<String, TargetsMetadata> before = start.delegated();
            DelegatedRoleLoader loader = new DelegatedRoleLoader(reader, limits, now, root, snapshot,
                    name -> Optional.ofNullable(before.get(name)), accepted);
            delegated = DelegationWalk.loadAll(targets, snapshot, loader, limits.maxDelegatedRoles());
        }
        TrustedMetadata result = new TrustedMetadata(root, timestamp, snapshot, targets, delegated);
        return new RefreshResult(result, !result.sameBytes(start), rotations);
    }

    /** §5.3.4–5.3.8: signed by a threshold of the old root's root keys and of its own, version exactly one more. */
    private static RootMetadata rotate(RootMetadata trusted, RootMetadata next) throws TufException {
        String file = next.envelope().file();
        trusted.verify(next.envelope(), Role.ROOT);
        long expected = trusted.version() + 1;
        if (next.version() != expected) {
            throw new TufException(next.version() < expected ? TufException.Kind.ROLLBACK : TufException.Kind.MISMATCH,
                    file + " is version " + next.version() + " where version "
                    + expected + " belongs (after the trusted version " + trusted.version() + "); "
                    + Messages.ATTACK_ADVICE);
        }
        next.verify(next.envelope(), Role.ROOT);
        return next;
    }

    private TimestampMetadata updateTimestamp(RootMetadata root, TimestampMetadata trusted)
            throws TufException, IOException {
        String file = TimestampMetadata.FILE;
        byte[] bytes = reader.fetch(file, limits.maxTimestampBytes(), Optional.empty());
        TimestampMetadata fresh = TimestampMetadata.parse(Envelope.parse(bytes, file));
        root.verify(fresh.envelope(), Role.TIMESTAMP);
        TimestampMetadata result = fresh;
        if (trusted != null) {
            if (fresh.version() < trusted.version()) {
                throw rollback(file, fresh.version(), trusted.version());
            }
            if (fresh.version() == trusted.version()) {
                result = trusted; // nothing new: keep the trusted copy, as python-tuf does
            } else if (fresh.snapshot().version() < trusted.snapshot().version()) {
                throw new TufException(TufException.Kind.ROLLBACK, file + " version " + fresh.version()
                        + " lists snapshot version " + fresh.snapshot().version() + ", older than the trusted snapshot"
                        + " version " + trusted.snapshot().version() + " (rollback refused); " + Messages.ATTACK_ADVICE);
            }
        }
        result.header().checkNotExpired(file, now);
        if (result != trusted) {
            accepted.accepted(Role.TIMESTAMP, bytes);
        }
        return result;
    }

    private SnapshotMetadata updateSnapshot(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata trusted)
            throws TufException, IOException {
        MetaFile listed = timestamp.snapshot();
        if (trusted != null && trusted.version() == listed.version() && !trusted.header().isExpired(now)) {
            return trusted;
        }
        String file = root.consistentSnapshot() ? listed.version() + ".snapshot.json" : "snapshot.json";
        byte[] bytes = reader.fetchListed(file, listed, limits.maxSnapshotBytes(), TimestampMetadata.FILE);
        listed.verify(bytes, file, TimestampMetadata.FILE);
        SnapshotMetadata fresh = SnapshotMetadata.parse(Envelope.parse(bytes, file));
        root.verify(fresh.envelope(), Role.SNAPSHOT);
        if (trusted != null) {
            for (Map.Entry<String, MetaFile> old : trusted.meta().entrySet()) {
                MetaFile current = fresh.meta().get(old.getKey());
                if (current == null) {
                    throw new TufException(TufException.Kind.ROLLBACK, file + " version " + fresh.version()
                            + " no longer lists " + old.getKey() + ", which the trusted snapshot version "
                            + trusted.version() + " lists (rollback refused); " + Messages.ATTACK_ADVICE);
                }
                if (current.version() < old.getValue().version()) {
                    throw new TufException(TufException.Kind.ROLLBACK, file + " version " + fresh.version() + " lists "
                            + old.getKey() + " version " + current.version() + ", older than the trusted version "
                            + old.getValue().version() + " (rollback refused); " + Messages.ATTACK_ADVICE);
                }
            }
        }
        fresh.header().checkNotExpired(file, now);
        requireListedVersion(file, fresh.version(), listed.version(), TimestampMetadata.FILE);
        accepted.accepted(Role.SNAPSHOT, bytes);
        return fresh;
    }

    /** @param trustedSet the set whose targets are trusted, or null */
    private TargetsMetadata updateTargets(RootMetadata root, SnapshotMetadata snapshot, TrustedMetadata trustedSet)
            throws TufException, IOException {
        String snapshotFile = "snapshot.json version " + snapshot.version();
        MetaFile listed = snapshot.metaFor(Role.TARGETS).orElseThrow(() -> JsonObject.malformed(snapshotFile,
                "signed.meta lists no targets.json"));
        // the trusted version is known without reading a cached targets file, which is read (and checked) only
        // when the snapshot still lists it
        if (trustedSet != null && trustedSet.targetsVersion().equals(Optional.of(listed.version()))) {
            TargetsMetadata trusted = trustedSet.targetsMetadata().orElseThrow();
            if (!trusted.header().isExpired(now)) {
                return trusted;
            }
        }
        String file = root.consistentSnapshot() ? listed.version() + ".targets.json" : "targets.json";
        byte[] bytes = reader.fetchListed(file, listed, limits.maxTargetsBytes(), snapshotFile);
        // the length and hashes, and the signatures over 12 MB, are checked on other threads while the parse
        // reads the file; a wrong length or hash is still the failure reported, whatever the parse finds
        Beside<Void, TufException> pinned = Beside.start("hash check of " + file, () -> {
            listed.verify(bytes, file, snapshotFile);
            return null;
        });
        EarlySignatureCheck early = EarlySignatureCheck.start(bytes, file, root.role(Role.TARGETS), root.keys());
        TargetsMetadata fresh;
        try {
            fresh = TargetsMetadata.parse(bytes, file, early);
        } finally {
            pinned.result();
        }
        root.verify(fresh.envelope(), Role.TARGETS);
        // No comparison with the trusted targets' version (§5.6 has none): the snapshot's own rollback check
        // (§5.5.5) already keeps targets versions from going down while the snapshot is trusted, and after a
        // snapshot key rotation has removed the trusted snapshot (§5.3.11) the targets must be able to start
        // again from a lower version: that rotation is how an operator recovers from fast-forwarded targets.
        requireListedVersion(file, fresh.version(), listed.version(), snapshotFile);
        fresh.header().checkNotExpired(file, now);
        accepted.accepted(Role.TARGETS, bytes);
        return fresh;
    }

    private static void requireListedVersion(String file, long actual, long listed, String listedBy)
            throws TufException {
        if (actual != listed) {
            throw new TufException(TufException.Kind.MISMATCH, file + " is version " + actual + ", but " + listedBy
                    + " lists version " + listed + " (metadata from different releases mixed); "
                    + Messages.ATTACK_ADVICE);
        }
    }

    private static TufException rollback(String file, long version, long trusted) {
        return new TufException(TufException.Kind.ROLLBACK, file + " version " + version
                + " is older than the trusted version " + trusted + " (rollback refused); " + Messages.ATTACK_ADVICE);
    }
}
