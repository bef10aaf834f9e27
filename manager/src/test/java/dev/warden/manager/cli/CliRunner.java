package dev.warden.manager.cli;

import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationSupport;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs warden commands in-process against a temporary home, capturing what they print. */
public final class CliRunner {

    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private String stdin = "";
    private boolean interactive;
    private CliContext.HiddenInput hidden = CliContext.HiddenInput.NONE;
    private CapabilityBroker.Factory brokers = CapabilityBroker.Factory.SYSTEM;
    private Optional<IsolationSupport> isolation = Optional.empty();
    /** Never the test JVM's own standard input, which the test runner speaks over: a served gateway ends at once. */
    private CliContext.ProtocolStreams protocol = new CliContext.ProtocolStreams(new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream());

    public CliRunner(Path home, Path systemDir) {
        env.put("WARDEN_HOME", home.toString());
        env.put("WARDEN_SYSTEM_DIR", systemDir.toString());
        // the person's home beside Warden's, as on a real machine, where it holds Warden's rather than lies in it
        env.put("HOME", home.resolveSibling("user-home").toString());
    }

    public CliRunner env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    public CliRunner clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Pretends a person at a terminal types {@code answers}. */
    public CliRunner answering(String answers) {
        this.stdin = answers;
        this.interactive = true;
        return this;
    }

    /** Pipes {@code input} into standard input, with no person at a terminal. */
    public CliRunner piping(String input) {
        this.stdin = input;
        this.interactive = false;
        this.hidden = CliContext.HiddenInput.NONE;
        return this;
    }

    /** Pretends a person at a terminal types {@code line} where the terminal does not show it. */
    public CliRunner typingHidden(String line, List<String> prompts) {
        this.interactive = true;
        this.hidden = prompt -> {
            prompts.add(prompt);
            return Optional.of(line.toCharArray());
        };
        return this;
    }

    /** Plugins run by these commands get capabilities from {@code factory}. */
    public CliRunner brokers(CapabilityBroker.Factory factory) {
        this.brokers = factory;
        return this;
    }

    /** A command that speaks a protocol over standard input and output ({@code serve}) speaks it over these. */
    public CliRunner speakingOver(InputStream in, OutputStream out) {
        this.protocol = new CliContext.ProtocolStreams(in, out);
        return this;
    }

    /** These commands see a machine that offers {@code support} instead of probing this one for bubblewrap. */
    public CliRunner isolation(IsolationSupport support) {
        this.isolation = Optional.of(support);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, new BufferedReader(new StringReader(stdin)),
                new PrintWriter(out, true), new PrintWriter(err, true), clock, interactive, hidden, brokers);
        if (isolation.isPresent()) {
            context = context.withIsolation(isolation.get());
        }
        context = context.withProtocol(protocol);
        int code = WardenMain.run(context, args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs one command with exactly {@code env} as its environment, for benchmarks that set up homes outside a test.
     *
     * @throws IllegalStateException if the command does not succeed; the message holds what it printed
     */
    public static void runOrThrow(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        CliContext context = new CliContext(env, new BufferedReader(new StringReader("")), new PrintWriter(out),
                new PrintWriter(out), Clock.systemUTC(), false);
        int code = WardenMain.run(context, args);
        if (code != 0) {
            throw new IllegalStateException("warden " + String.join(" ", args) + " exited " + code + ":\n" + out);
        }
    }
}
