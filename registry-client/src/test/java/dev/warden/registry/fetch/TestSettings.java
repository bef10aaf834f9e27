package dev.warden.registry.fetch;

import java.time.Duration;

/** Settings that keep the tests quick: short timeouts, a short rate window, tiny backoff. */
final class TestSettings {

    private TestSettings() {
    }

    static FetchSettings quick() {
        return new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(60), 1024, Duration.ofMillis(300), 2, Duration.ofMillis(10));
    }

    static FetchSettings withRetries(int retries) {
        FetchSettings s = quick();
        return new FetchSettings(s.connectTimeout(), s.responseTimeout(), s.readTimeout(), s.totalTimeout(),
                s.minBytesPerSecond(), s.minRateGrace(), retries, s.backoff());
    }

    static FetchSettings withTimeouts(Duration response, Duration read, long minBytesPerSecond, int retries) {
        FetchSettings s = quick();
        return new FetchSettings(s.connectTimeout(), response, read, s.totalTimeout(),
                minBytesPerSecond, s.minRateGrace(), retries, s.backoff());
    }
}
