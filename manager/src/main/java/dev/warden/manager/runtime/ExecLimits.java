package dev.warden.manager.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits {@link GrantedExec} puts on every program run, whatever the plugin asks for.
 *
 * @param maxOutputBytes how much of standard output, and of standard error, is kept; the rest is
 *                       read and dropped, so the program is not blocked, and a note says so
 * @param maxTimeout     the longest a program may run; the request's own timeout applies when shorter
 */
record ExecLimits(int maxOutputBytes, Duration maxTimeout) {

    /** @throws IllegalArgumentException if a limit is not positive */
    ExecLimits {
        Objects.requireNonNull(maxTimeout, "maxTimeout");
        if (maxOutputBytes <= 0 || maxTimeout.isZero() || maxTimeout.isNegative()) {
            throw new IllegalArgumentException("exec limits must be positive: output " + maxOutputBytes
                    + " bytes, timeout " + maxTimeout);
        }
    }

    /** @return 1 MiB of each output stream, 10 minutes */
    static ExecLimits defaults() {
        return new ExecLimits(1024 * 1024, Duration.ofMinutes(10));
    }
}
