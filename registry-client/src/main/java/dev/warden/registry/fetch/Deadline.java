package dev.warden.registry.fetch;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The moment a file's fetch must be over, retries and redirects included. */
final class Deadline {

    private final long end;
    private final Duration budget;
    private final LongSupplier clock;

    private Deadline(long end, Duration budget, LongSupplier clock) {
        this.end = end;
        this.budget = budget;
        this.clock = clock;
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    static Deadline after(Duration budget, LongSupplier clock) {
        return new Deadline(clock.getAsLong() + budget.toNanos(), budget, clock);
    }

    /** The whole time allowed, for messages. */
    Duration budget() {
        return budget;
    }

    /** Nanoseconds left; zero or less when passed. */
    long remainingNanos() {
        return end - clock.getAsLong();
    }

    boolean passed(long now) {
        return now - end >= 0;
    }
}
