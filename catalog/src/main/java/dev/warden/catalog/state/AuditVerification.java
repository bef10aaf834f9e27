package dev.warden.catalog.state;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link AuditLog#verify()}.
 *
 * @param entries      how many lines the log holds
 * @param firstBadLine the first line (1-based) at which the log stops being trustworthy, if any; for a cut
 *                     tail, the number of the first missing line
 * @param message      what was found, e.g. {@code line 4 was edited: its content does not match its hash}
 * @since 0.1
 */
public record AuditVerification(long entries, Optional<Long> firstBadLine, String message) {

    /** @throws NullPointerException if a part is null */
    public AuditVerification {
        Objects.requireNonNull(firstBadLine, "firstBadLine");
        Objects.requireNonNull(message, "message");
    }

    /** @return whether no line was altered, removed, reordered or added, and the tail is intact */
    public boolean ok() {
        return firstBadLine.isEmpty();
    }
}
