package dev.warden.manager.runtime;

import java.util.Locale;
import java.util.Optional;

/** How one firing of a schedule ended, as {@code warden schedule runs} shows it. */
public enum RunOutcome {
    /** The task ran and returned. */
    OK,
    /** The task threw; the detail says what. */
    FAILED,
    /** The task ran past the grant's maximum run time; it was interrupted and abandoned. */
    TIMED_OUT,
    /** The firing came while a run of the same schedule was still going, or the pause state could not be read. */
    SKIPPED,
    /** The host looked too late (it was asleep or busy); a missed firing is not made up. */
    MISSED,
    /** The host stopped while the task ran; it was interrupted. */
    STOPPED;

    /** @return the identifier written to the run history, e.g. {@code timed-out} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @return the outcome with that identifier, or empty if there is none */
    public static Optional<RunOutcome> byId(String id) {
        for (RunOutcome outcome : values()) {
            if (outcome.id().equals(id)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
