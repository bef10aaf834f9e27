package dev.warden.registry.tuf;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.Fetcher;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * One run of the TUF client workflow (specification §5.3–5.6) from a trusted set: new roots, then the
 * timestamp, the snapshot and the targets, each checked against what is already trusted. Single use;
 * the reference time is fixed when it is created, so that every expiry is judged at the same instant.
 */
final class Refresh {

    private final Fetcher fetcher;
    private final TufLimits limits;
    private final Instant now;
    private final TrustedMetadata start;

    Refresh(Fetcher fetcher, TufLimits limits, Instant now, TrustedMetadata start) {
        this.fetcher = fetcher;
        this.limits = limits;
        this.now = now;
        this.start = start;
    }

    RefreshResult run() throws TufException {
        RootMetadata root = start.root();
        int rotations = 0;
        while (rotations < limits.maxRootRotations()) {
            String file = (root.version() + 1) + ".root.json";
            Optional<byte[]> next = fetchIfPresent(file, limits.maxRootBytes());
            if (next.isEmpty()) {
                break;
            }
            root = rotate(root, RootMetadata.parse(Envelope.parse(next.get(), file)));
            rotations++;
        }
        root.header().checkNotExpired("root.json", now);

        TimestampMetadata timestamp = start.timestamp().orElse(null);
        SnapshotMetadata snapshot = start.snapshot().orElse(null);
        TargetsMetadata targets = start.targetsMetadata().orElse(null);
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
            if (targets != null && !root.verifies(targets.envelope(), Role.TARGETS)) {
                targets = null;
            }
        }

        timestamp = updateTimestamp(root, timestamp);
        snapshot = updateSnapshot(root, timestamp, snapshot);
        targets = updateTargets(root, snapshot, targets);

        TrustedMetadata result = new TrustedMetadata(root, timestamp, snapshot, targets);
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

    private TimestampMetadata updateTimestamp(RootMetadata root, TimestampMetadata trusted) throws TufException {
        String file = TimestampMetadata.FILE;
        byte[] bytes = fetch(file, limits.maxTimestampBytes(), Optional.empty());
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
        return result;
    }

    private SnapshotMetadata updateSnapshot(RootMetadata root, TimestampMetadata timestamp, SnapshotMetadata trusted)
            throws TufException {
        MetaFile listed = timestamp.snapshot();
        if (trusted != null && trusted.version() == listed.version() && !trusted.header().isExpired(now)) {
            return trusted;
        }
        String file = root.consistentSnapshot() ? listed.version() + ".snapshot.json" : "snapshot.json";
        byte[] bytes = fetchListed(file, listed, limits.maxSnapshotBytes(), TimestampMetadata.FILE);
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
        return fresh;
    }

    private TargetsMetadata updateTargets(RootMetadata root, SnapshotMetadata snapshot, TargetsMetadata trusted)
            throws TufException {
        String snapshotFile = "snapshot.json version " + snapshot.version();
        MetaFile listed = snapshot.metaFor(Role.TARGETS).orElseThrow(() -> JsonObject.malformed(snapshotFile,
                "signed.meta lists no targets.json"));
        if (trusted != null && trusted.version() == listed.version() && !trusted.header().isExpired(now)) {
            return trusted;
        }
        String file = root.consistentSnapshot() ? listed.version() + ".targets.json" : "targets.json";
        byte[] bytes = fetchListed(file, listed, limits.maxTargetsBytes(), snapshotFile);
        listed.verify(bytes, file, snapshotFile);
        TargetsMetadata fresh = TargetsMetadata.parse(bytes, file);
        root.verify(fresh.envelope(), Role.TARGETS);
        if (trusted != null && fresh.version() < trusted.version()) {
            throw rollback(file, fresh.version(), trusted.version());
        }
        requireListedVersion(file, fresh.version(), listed.version(), snapshotFile);
        fresh.header().checkNotExpired(file, now);
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

    /** A file whose length the metadata above may list: that length is the limit, else the cap. */
    private byte[] fetchListed(String file, MetaFile listed, long cap, String listedBy) throws TufException {
        if (listed.length().isPresent() && listed.length().getAsLong() > cap) {
            throw new TufException(TufException.Kind.TOO_LARGE, listedBy + " lists " + listed.length().getAsLong()
                    + " bytes for " + file + ", over the limit of " + cap + " bytes; " + Messages.ATTACK_ADVICE);
        }
        return fetch(file, listed.limit(cap), listed.length().isPresent() ? Optional.of(listedBy) : Optional.empty());
    }

    private Optional<byte[]> fetchIfPresent(String file, long maxBytes) throws TufException {
        try {
            return Optional.of(fetchOrThrow(file, maxBytes, Optional.empty()));
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw wrap(e, file, maxBytes, Optional.empty());
        }
    }

    private byte[] fetch(String file, long maxBytes, Optional<String> lengthListedBy) throws TufException {
        try {
            return fetchOrThrow(file, maxBytes, lengthListedBy);
        } catch (FetchException e) {
            throw wrap(e, file, maxBytes, lengthListedBy);
        }
    }

    private byte[] fetchOrThrow(String file, long maxBytes, Optional<String> lengthListedBy)
            throws FetchException, TufException {
        FetchedBytes fetched = fetcher.fetch(file, maxBytes, Optional.empty());
        if (fetched.notModified()) {
            throw new TufException(TufException.Kind.FETCH, fetcher.location() + " answered that " + file
                    + " is not modified although no validator was sent; try again later or tell the marketplace's operator");
        }
        if (fetched.bytes().length > maxBytes) {
            throw tooLarge(file, maxBytes, lengthListedBy, null);
        }
        return fetched.bytes();
    }

    private TufException wrap(FetchException e, String file, long maxBytes, Optional<String> lengthListedBy) {
        if (e.kind() == FetchException.Kind.TOO_LARGE) {
            return tooLarge(file, maxBytes, lengthListedBy, e);
        }
        return new TufException(TufException.Kind.FETCH, e.getMessage(), e);
    }

    /** Longer than a signed length is a mismatch; longer than a cap is endless data. */
    private static TufException tooLarge(String file, long maxBytes, Optional<String> lengthListedBy, Throwable cause) {
        if (lengthListedBy.isPresent()) {
            return new TufException(TufException.Kind.MISMATCH, file + " is longer than the " + maxBytes + " bytes "
                    + lengthListedBy.get() + " lists for it; " + Messages.ATTACK_ADVICE, cause);
        }
        return new TufException(TufException.Kind.TOO_LARGE, file + " is larger than the limit of " + maxBytes
                + " bytes (endless data refused); " + Messages.ATTACK_ADVICE, cause);
    }
}
