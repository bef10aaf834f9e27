package dev.warden.api.capability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A program to run with {@link Exec#run}. No shell is involved: arguments are passed as they are.
 *
 * @param program the absolute program path, as granted
 * @param args    the arguments
 * @param stdin   bytes written to the program's standard input, empty for none
 * @param timeout how long the program may run before Warden kills it
 * @since 0.1
 */
public record ExecRequest(String program, List<String> args, byte[] stdin, Duration timeout) {

    /** The timeout of a request made by {@link #of}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    /**
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public ExecRequest {
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        stdin = stdin.clone();
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** @return a request with no input and the default timeout */
    public static ExecRequest of(String program, String... args) {
        return new ExecRequest(program, List.of(args), new byte[0], DEFAULT_TIMEOUT);
    }

    /** @return a copy of the standard input */
    @Override
    public byte[] stdin() {
        return stdin.clone();
    }
}
