package dev.warden.registry.tuf;

/**
 * The open parameters of the TUF client workflow: size caps for metadata a client fetches, how many
 * root versions one refresh may walk through, and how far delegations are followed. A cap applies
 * when the metadata above a file lists no length for it (and always to roots and the timestamp).
 *
 * @param maxRootBytes         cap for each {@code N.root.json}
 * @param maxTimestampBytes    cap for {@code timestamp.json}
 * @param maxSnapshotBytes     cap for the snapshot
 * @param maxTargetsBytes      cap for the targets metadata and for each delegated role's
 * @param maxRootRotations     root versions fetched in one refresh at most; a longer chain continues on the next refresh
 * @param maxDelegationsPerSearch roles one search for a target visits at most, the top-level targets included
 * @param maxDelegatedRoles    delegated roles a whole-repository refresh (a marketplace's) loads at most
 */
public record TufLimits(long maxRootBytes, long maxTimestampBytes, long maxSnapshotBytes, long maxTargetsBytes,
                        int maxRootRotations, int maxDelegationsPerSearch, int maxDelegatedRoles) {

    /** Root versions one refresh walks at most, as the TUF reference implementation. */
    public static final int DEFAULT_MAX_ROOT_ROTATIONS = 256;
    /** Roles one target search visits at most, as the TUF reference implementation. */
    public static final int DEFAULT_MAX_DELEGATIONS_PER_SEARCH = 32;
    /** Delegated roles a marketplace refresh loads at most: one per publisher leaves room for thousands. */
    public static final int DEFAULT_MAX_DELEGATED_ROLES = 4096;

    /** @throws IllegalArgumentException for a cap below 1 or a negative count */
    public TufLimits {
        if (maxRootBytes < 1 || maxTimestampBytes < 1 || maxSnapshotBytes < 1 || maxTargetsBytes < 1) {
            throw new IllegalArgumentException("metadata size caps must be at least 1 byte");
        }
        if (maxRootRotations < 0) {
            throw new IllegalArgumentException("maxRootRotations must not be negative, not " + maxRootRotations);
        }
        if (maxDelegationsPerSearch < 1 || maxDelegatedRoles < 0) {
            throw new IllegalArgumentException("a search visits at least the top-level targets, and the delegated"
                    + " role count cannot be negative");
        }
    }

    /** Size caps with the default delegation limits. */
    public TufLimits(long maxRootBytes, long maxTimestampBytes, long maxSnapshotBytes, long maxTargetsBytes,
                     int maxRootRotations) {
        this(maxRootBytes, maxTimestampBytes, maxSnapshotBytes, maxTargetsBytes, maxRootRotations,
                DEFAULT_MAX_DELEGATIONS_PER_SEARCH, DEFAULT_MAX_DELEGATED_ROLES);
    }

    /**
     * 512 KiB per root, 16 KiB timestamp, 2 MiB snapshot, 64 MiB targets (and each delegated role), 256 root
     * rotations per refresh, 32 roles per target search, 4096 delegated roles per marketplace.
     */
    public static TufLimits defaults() {
        return new TufLimits(512L * 1024, 16L * 1024, 2L * 1024 * 1024, 64L * 1024 * 1024, DEFAULT_MAX_ROOT_ROTATIONS,
                DEFAULT_MAX_DELEGATIONS_PER_SEARCH, DEFAULT_MAX_DELEGATED_ROLES);
    }
}
