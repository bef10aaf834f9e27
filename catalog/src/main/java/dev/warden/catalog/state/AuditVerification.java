package dev.warden.catalog.state;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link AuditLog#verify()}.
 *
 * @param entries      how many lines the log holds
 * @param firstBadLine the first line (1-based) at which the log stops being trustworthy, if any; for a cut
 *                     tail, the number of the first missing line
 * @param message      what was found, e.g. {@code line 4 was edited: its content does not match its hash}
 * @param recovered    the entries whose interrupted append a later append accepted on the record, in log order
 * @since 0.1
 */
public record AuditVerification(long entries, Optional<Long> firstBadLine, String message, List<Long> recovered) {

    /** @throws NullPointerException if a part is null */
    public AuditVerification {
        Objects.requireNonNull(firstBadLine, "firstBadLine");
        Objects.requireNonNull(message, "message");
        recovered = List.copyOf(recovered);
    }

    /** A result with no recovered entries. */
    public AuditVerification(long entries, Optional<Long> firstBadLine, String message) {
        this(entries, firstBadLine, message, List.of());
    }

    /** @return whether no line was altered, removed, reordered or added, and the tail is intact */
    public boolean ok() {
        return firstBadLine.isEmpty();
    }
}
