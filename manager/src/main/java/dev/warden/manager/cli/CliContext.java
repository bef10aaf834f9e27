package dev.warden.manager.cli;

import dev.warden.manager.runtime.CapabilityBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a command may use of the world outside its arguments: environment, streams, clock, and
 * whether a person is at a terminal, and how plugins' capabilities reach the world. Tests pass their own.
 */
record CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
                  boolean interactive, HiddenInput hidden, CapabilityBroker.Factory brokers) {

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
        Objects.requireNonNull(brokers, "brokers");
    }

    /** A context whose plugins' capabilities use the system's network, TLS trust and clock. */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive, HiddenInput hidden) {
        this(env, in, out, err, clock, interactive, hidden, CapabilityBroker.Factory.SYSTEM);
    }

    /** As this context, with plugins' capabilities made by {@code factory} (tests serve real host names locally). */
    CliContext withBrokers(CapabilityBroker.Factory factory) {
        return new CliContext(env, in, out, err, clock, interactive, hidden, factory);
    }

    /** A context without a terminal that reads without echo. */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive) {
        this(env, in, out, err, clock, interactive, HiddenInput.NONE);
    }
}
