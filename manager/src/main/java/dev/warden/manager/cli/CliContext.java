package dev.warden.manager.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may use of the world outside its arguments: environment, streams, clock, and
 * whether a person is at a terminal. Tests pass their own.
 */
record CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
                  boolean interactive, HiddenInput hidden) {

    /** Reads a line the person types without showing it, for secrets. */
    @FunctionalInterface
    interface HiddenInput {

        /** There is no terminal to read from without echo. */
        HiddenInput NONE = prompt -> Optional.empty();

        /**
         * @param prompt what to show before reading
         * @return the characters typed, without the line break; empty if there is no terminal or it was closed
         */
        Optional<char[]> readLine(String prompt) throws IOException;
    }

    CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(hidden, "hidden");
    }

    /** A context without a terminal that reads without echo. */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive) {
        this(env, in, out, err, clock, interactive, HiddenInput.NONE);
    }
}
