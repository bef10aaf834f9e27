package dev.warden.manager.cli;

import dev.warden.registry.fetch.FetchSettings;
import java.time.Duration;
import java.util.Map;

/**
 * Download limits, from the defaults and two environment variables for slow or unusual networks:
 * {@code WARDEN_HTTP_TIMEOUT} (seconds without progress before giving up, also the grace before the
 * minimum rate applies) and {@code WARDEN_HTTP_RETRIES}.
 */
final class FetchSettingsFromEnv {

    static final String TIMEOUT = "WARDEN_HTTP_TIMEOUT";
    static final String RETRIES = "WARDEN_HTTP_RETRIES";

    private FetchSettingsFromEnv() {
    }

    static FetchSettings of(Map<String, String> env) {
        FetchSettings d = FetchSettings.defaults();
        Duration timeout = env.containsKey(TIMEOUT) ? Duration.ofSeconds(number(env, TIMEOUT, 1, 3600)) : null;
        int retries = env.containsKey(RETRIES) ? (int) number(env, RETRIES, 0, 10) : d.retries();
        return new FetchSettings(timeout != null ? timeout : d.connectTimeout(), timeout != null ? timeout : d.responseTimeout(),
                timeout != null ? timeout : d.readTimeout(), d.totalTimeout(), d.minBytesPerSecond(),
                timeout != null ? timeout : d.minRateGrace(), retries, d.backoff());
    }

    private static long number(Map<String, String> env, String name, long min, long max) {
        String value = env.get(name).strip();
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }
}
