package dev.warden.registry.tuf;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads delegated targets roles for one trusted snapshot, each at most once: a copy trusted before is
 * kept when it is still the version the snapshot lists, unexpired and signed by the delegator's keys;
 * otherwise the role is fetched and must match the snapshot's length, hashes and version, carry a
 * threshold of the delegated keys' signatures, and not be expired.
 */
final class DelegatedRoleLoader {

    /** Copies of delegated roles trusted before, to reuse when they are still current. */
    @FunctionalInterface
    interface Cached {
        Cached NONE = name -> Optional.empty();

        Optional<TargetsMetadata> get(String roleName) throws IOException;
    }

    private final MetadataReader reader;
    private final TufLimits limits;
    private final Instant now;
    private final RootMetadata root;
    private final SnapshotMetadata snapshot;
    private final Cached cached;
    private final AcceptedFiles accepted;
    private final Map<String, TargetsMetadata> loaded = new LinkedHashMap<>();

    DelegatedRoleLoader(MetadataReader reader, TufLimits limits, Instant now, RootMetadata root,
                        SnapshotMetadata snapshot, Cached cached, AcceptedFiles accepted) {
        this.reader = reader;
        this.limits = limits;
        this.now = now;
        this.root = root;
        this.snapshot = snapshot;
        this.cached = cached;
        this.accepted = accepted;
    }

    /**
     * @param role      the role as its delegator lists it
     * @param from      the delegator's delegations, whose keys sign the role
     * @param delegator names the delegator's file in messages
     * @throws TufException when the snapshot does not list the role, or what was served fails a check
     */
    TargetsMetadata load(DelegatedRole role, Delegations from, String delegator) throws TufException, IOException {
        TargetsMetadata done = loaded.get(role.name());
        if (done != null) {
            return done;
        }
        String snapshotFile = "snapshot.json version " + snapshot.version();
        MetaFile listed = snapshot.metaFor(role.name()).orElseThrow(() -> new TufException(TufException.Kind.MISMATCH,
                snapshotFile + " does not list " + role.name() + ".json, the metadata of the role \"" + role.name()
                        + "\" that " + delegator + " delegates to; " + Messages.ATTACK_ADVICE));
        Optional<TargetsMetadata> old = cached.get(role.name());
        if (old.isPresent() && old.get().version() == listed.version() && !old.get().header().isExpired(now)
                && from.verifies(old.get().envelope(), role)) {
            loaded.put(role.name(), old.get());
            return old.get();
        }
        String file = MetadataNames.remote(root, role.name(), listed.version());
        byte[] bytes = reader.fetchListed(file, listed, limits.maxTargetsBytes(), snapshotFile);
        listed.verify(bytes, file, snapshotFile);
        TargetsMetadata fresh = TargetsMetadata.parse(bytes, file);
        from.verify(fresh.envelope(), role, delegator);
        if (fresh.version() != listed.version()) {
            throw new TufException(TufException.Kind.MISMATCH, file + " is version " + fresh.version() + ", but "
                    + snapshotFile + " lists version " + listed.version() + " (metadata from different releases mixed); "
                    + Messages.ATTACK_ADVICE);
        }
        fresh.header().checkNotExpired(file, now);
        accepted.accepted(role.name(), bytes);
        loaded.put(role.name(), fresh);
        return fresh;
    }

    /** Every role loaded so far, in the order loaded. */
    Map<String, TargetsMetadata> loaded() {
        return Collections.unmodifiableMap(loaded);
    }
}
