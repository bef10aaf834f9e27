package dev.warden.api.capability;

import java.util.Objects;

/**
 * How a program run ended.
 *
 * @param exitCode the exit code; meaningless when {@code timedOut}
 * @param stdout   standard output decoded as UTF-8, cut at Warden's output limit
 * @param stderr   standard error decoded as UTF-8, cut at Warden's output limit
 * @param timedOut whether Warden killed the program at its timeout
 * @since 0.1
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    /** @throws NullPointerException if an output is null */
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** @return whether the program finished in time with exit code 0 */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
