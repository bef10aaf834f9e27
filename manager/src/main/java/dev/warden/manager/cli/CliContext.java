package dev.warden.manager.cli;

import dev.warden.manager.home.WardenHome;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a command may use of the world outside its arguments: environment, streams, clock, and
 * whether a person is at a terminal, how plugins' capabilities reach the world, and which isolation
 * this machine offers (probed only when a command asks, since a probe starts a process, and then remembered in the
 * home until the {@code bwrap} changes), and the byte streams a
 * command that speaks a protocol over standard input and output uses ({@code warden serve}). Tests pass their own.
 */
record CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
                  boolean interactive, HiddenInput hidden, CapabilityBroker.Factory brokers,
                  Function<WardenHome, IsolationSupport> machineIsolation, ProtocolStreams protocol) {

    /** The raw standard input and output a protocol is spoken over, as bytes. */
    record ProtocolStreams(InputStream in, OutputStream out) {

        static final ProtocolStreams STANDARD = new ProtocolStreams(System.in, System.out);

        ProtocolStreams {
            Objects.requireNonNull(in, "in");
            Objects.requireNonNull(out, "out");
        }
    }

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
        Objects.requireNonNull(machineIsolation, "machineIsolation");
        Objects.requireNonNull(protocol, "protocol");
    }

    /** A context whose plugins run with the isolation this machine offers ({@link IsolationSupport#here(java.nio.file.Path)}). */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive, HiddenInput hidden, CapabilityBroker.Factory brokers) {
        this(env, in, out, err, clock, interactive, hidden, brokers,
                home -> IsolationSupport.here(home.root().resolve(IsolationSupport.REMEMBERED_FILE)), ProtocolStreams.STANDARD);
    }

    /** @return which isolation this machine offers; the first call may probe bubblewrap, remembering it in {@code home} */
    IsolationSupport isolation(WardenHome home) {
        return machineIsolation.apply(home);
    }

    /** As this context, on a machine that offers {@code support} (tests: with or without bubblewrap). */
    CliContext withIsolation(IsolationSupport support) {
        Objects.requireNonNull(support, "support");
        return new CliContext(env, in, out, err, clock, interactive, hidden, brokers, home -> support, protocol);
    }

    /** As this context, speaking protocols over {@code streams} (tests: a gateway served within the test). */
    CliContext withProtocol(ProtocolStreams streams) {
        return new CliContext(env, in, out, err, clock, interactive, hidden, brokers, machineIsolation, streams);
    }

    /** A context whose plugins' capabilities use the system's network, TLS trust and clock. */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive, HiddenInput hidden) {
        this(env, in, out, err, clock, interactive, hidden, CapabilityBroker.Factory.SYSTEM);
    }

    /** A context without a terminal that reads without echo. */
    CliContext(Map<String, String> env, BufferedReader in, PrintWriter out, PrintWriter err, Clock clock,
               boolean interactive) {
        this(env, in, out, err, clock, interactive, HiddenInput.NONE);
    }
}
