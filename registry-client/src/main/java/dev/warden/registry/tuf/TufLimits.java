package dev.warden.registry.tuf;

/**
 * Size caps for metadata a client fetches, and how many root versions one refresh may walk through.
 * A cap applies when the metadata above a file lists no length for it (and always to roots and the timestamp).
 *
 * @param maxRootBytes      cap for each {@code N.root.json}
 * @param maxTimestampBytes cap for {@code timestamp.json}
 * @param maxSnapshotBytes  cap for the snapshot
 * @param maxTargetsBytes   cap for the targets metadata
 * @param maxRootRotations  root versions fetched in one refresh at most; a longer chain continues on the next refresh
 */
public record TufLimits(long maxRootBytes, long maxTimestampBytes, long maxSnapshotBytes, long maxTargetsBytes,
                        int maxRootRotations) {

    /** @throws IllegalArgumentException for a cap below 1 or a negative rotation count */
    public TufLimits {
        if (maxRootBytes < 1 || maxTimestampBytes < 1 || maxSnapshotBytes < 1 || maxTargetsBytes < 1) {
            throw new IllegalArgumentException("metadata size caps must be at least 1 byte");
        }
        if (maxRootRotations < 0) {
            throw new IllegalArgumentException("maxRootRotations must not be negative, not " + maxRootRotations);
        }
    }

    /** 512 KiB per root, 16 KiB timestamp, 2 MiB snapshot, 64 MiB targets, 256 root rotations per refresh. */
    public static TufLimits defaults() {
        return new TufLimits(512L * 1024, 16L * 1024, 2L * 1024 * 1024, 64L * 1024 * 1024, 256);
    }
}
