package dev.warden.api.capability;

import dev.warden.api.Api;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Runs programs granted by {@code process.exec}, with the arguments its pattern allows. */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Exec {

    /**
     * @param request the program, arguments, input and timeout
     * @return how the program ended, including when it timed out
     * @throws dev.warden.api.PermissionDeniedException if the program or its arguments are not granted
     * @throws CapabilityException                      if the program could not be started
     */
    Result run(Request request) throws CapabilityException;

    /**
     * A program to run. No shell is involved: arguments are passed as they are.
     *
     * @param program the absolute program path, as granted
     * @param args    the arguments
     * @param stdin   bytes written to the program's standard input, empty for none
     * @param timeout how long the program may run before Warden kills it
     */
    record Request(String program, List<String> args, byte[] stdin, Duration timeout) {

        /** The timeout of a request made by {@link #of}. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

        /**
         * @throws NullPointerException     if any part is null
         * @throws IllegalArgumentException if the timeout is not positive
         */
        public Request {
            Objects.requireNonNull(program, "program");
            args = List.copyOf(args);
            stdin = stdin.clone();
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }

        /** @return a request with no input and the default timeout */
        public static Request of(String program, String... args) {
            return new Request(program, List.of(args), new byte[0], DEFAULT_TIMEOUT);
        }

        /** @return a copy of the standard input */
        @Override
        public byte[] stdin() {
            return stdin.clone();
        }
    }

    /**
     * How a program run ended.
     *
     * @param exitCode the exit code; meaningless when {@code timedOut}
     * @param stdout   standard output decoded as UTF-8, cut at Warden's output limit
     * @param stderr   standard error decoded as UTF-8, cut at Warden's output limit
     * @param timedOut whether Warden killed the program at its timeout
     */
    record Result(int exitCode, String stdout, String stderr, boolean timedOut) {

        /** @throws NullPointerException if an output is null */
        public Result {
            Objects.requireNonNull(stdout, "stdout");
            Objects.requireNonNull(stderr, "stderr");
        }

        /** @return whether the program finished in time with exit code 0 */
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }
}
