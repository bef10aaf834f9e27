package dev.warden.registry.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for fetching one marketplace file. Immutable; {@link #defaults()} suits a command-line tool.
 *
 * @param connectTimeout    how long to wait for a connection
 * @param responseTimeout   how long to wait, once connected, for the response headers
 * @param readTimeout       the longest silence allowed while a body arrives
 * @param totalTimeout      the most time one file may take, retries and redirects included
 * @param minBytesPerSecond the slowest transfer accepted, measured over each period of {@code minRateGrace};
 *                          0 turns the check off
 * @param minRateGrace      the period over which the rate is measured; the first check happens after it
 * @param retries           how many times a transient failure (5xx, a reset connection, a timeout) is retried
 * @param backoff           the wait before the first retry, doubled before each further one
 * @since 0.1
 */
public record FetchSettings(Duration connectTimeout, Duration responseTimeout, Duration readTimeout,
                            Duration totalTimeout, long minBytesPerSecond, Duration minRateGrace,
                            int retries, Duration backoff) {

    /** The most retries accepted; more only multiplies the time a dead marketplace costs. */
    public static final int MAX_RETRIES = 10;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a duration is not positive (the backoff may be zero), the rate is
     *                                  negative, or the retries are outside 0 to {@value #MAX_RETRIES}
     */
    public FetchSettings {
        positive("connectTimeout", connectTimeout);
        positive("responseTimeout", responseTimeout);
        positive("readTimeout", readTimeout);
        positive("totalTimeout", totalTimeout);
        positive("minRateGrace", minRateGrace);
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBytesPerSecond must not be negative: " + minBytesPerSecond);
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            throw new IllegalArgumentException("retries must be between 0 and " + MAX_RETRIES + ": " + retries);
        }
    }

    /**
     * Connect within 10 s, headers within 30 s, no silence over 30 s, 10 min per file, at least 1 KiB/s
     * measured every 10 s, 3 retries starting at 500 ms.
     */
    public static FetchSettings defaults() {
        return new FetchSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofMinutes(10), 1024, Duration.ofSeconds(10), 3, Duration.ofMillis(500));
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
