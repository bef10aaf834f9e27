package dev.warden.catalog.state;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A point in the audit log: an entry's number and hash. {@code audit/head.json} holds the last entry an
 * append finished; each state commit holds the one that was current when it was made, so a log shorter
 * than the state it explains is noticed.
 *
 * @param seq  the entry's number; 0 for "before the first entry"
 * @param hash the entry's hash; 64 zeros for seq 0
 * @since 0.2
 */
public record AuditHead(long seq, String hash) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** Before the first entry. */
    public static final AuditHead NONE = new AuditHead(0, StateJson.ZERO_HASH);

    /** @throws IllegalArgumentException if seq is negative or hash is not 64 lowercase hex digits */
    public AuditHead {
        if (seq < 0) {
            throw new IllegalArgumentException("an audit entry number is not negative: " + seq);
        }
        if (!HASH.matcher(Objects.requireNonNull(hash, "hash")).matches()) {
            throw new IllegalArgumentException("an audit hash is a SHA-256 in 64 lowercase hex digits");
        }
    }

    /** @return whether this point lies after {@code other} in a log, or at the same entry with another hash */
    boolean isAheadOf(AuditHead other) {
        return seq > other.seq || (seq == other.seq && !hash.equals(other.hash));
    }
}
