package dev.warden.manager.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may use of the world outside its arguments: environment, streams, clock, and
 * whether a person is at a terminal. Tests pass their own.
 */
record CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
                  boolean interactive) {

    CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
    }
}
