package dev.warden.registry.fetch;

import java.time.Duration;
import java.util.Locale;

/** Sizes, rates, durations and untrusted text as messages and progress bars show them. */
final class Units {

    private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** {@code 512 B}, {@code 16 KiB}, {@code 1.5 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + BINARY[unit];
    }

    /** {@code 1 KiB/s}. */
    static String rate(long bytesPerSecond) {
        return size(bytesPerSecond) + "/s";
    }

    /** {@code 300 ms}, {@code 30 s}, {@code 1.5 s}, {@code 10 min}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

}
