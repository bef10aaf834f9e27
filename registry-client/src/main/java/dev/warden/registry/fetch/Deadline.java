package dev.warden.registry.fetch;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment a file's fetch must be over, retries and redirects included.
 *
 * @param end    the moment, on the clock's scale
 * @param budget the whole time allowed, for messages
 * @param clock  nanoseconds, as {@link System#nanoTime()}
 */
record Deadline(long end, Duration budget, LongSupplier clock) {

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    static Deadline after(Duration budget, LongSupplier clock) {
        return new Deadline(clock.getAsLong() + budget.toNanos(), budget, clock);
    }

    /** Nanoseconds left; zero or less when passed. */
    long remainingNanos() {
        return end - clock.getAsLong();
    }

    boolean passed(long now) {
        return now - end >= 0;
    }
}
