package dev.warden.registry.tuf;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the metadata a {@link TufRepository} signs stays valid, counted from the moment it is signed.
 *
 * @param root      validity of a new root
 * @param targets   validity of each new targets version
 * @param snapshot  validity of each new snapshot version
 * @param timestamp validity of each new timestamp; a repository must be re-signed within it or clients refuse it
 */
public record Expiries(Duration root, Duration targets, Duration snapshot, Duration timestamp) {

    /** @throws IllegalArgumentException for a duration that is not positive */
    public Expiries {
        for (Duration d : new Duration[] {root, targets, snapshot, timestamp}) {
            Objects.requireNonNull(d, "expiry");
            if (d.isNegative() || d.isZero() || d.getSeconds() < 1) {
                throw new IllegalArgumentException("an expiry must be at least one second, not " + d);
            }
        }
    }

    /** Root 365 days, targets 90, snapshot 30, timestamp 14. */
    public static Expiries defaults() {
        return new Expiries(Duration.ofDays(365), Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(14));
    }
}
