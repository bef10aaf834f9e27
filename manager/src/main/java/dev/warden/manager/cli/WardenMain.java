package dev.warden.manager.cli;

import dev.warden.registry.fetch.Fetchers;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code warden} program: parses the command line, runs one command, exits with its code. */
public final class WardenMain {

    private WardenMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Console console = System.console();
        CliContext.HiddenInput hidden = console == null ? CliContext.HiddenInput.NONE
                : prompt -> Optional.ofNullable(console.readPassword("%s", prompt));
        CliContext context = new CliContext(System.getenv(), in, out, err, Clock.systemUTC(), console != null, hidden);
        int code = run(context, args);
        out.flush();
        err.flush();
        Fetchers.stopAll();
        System.exit(code);
    }

    /**
     * Runs one command line in this JVM, the way a build step or another module's test does: with
     * {@code env} as its environment ({@code WARDEN_HOME} and the rest), nothing on standard input,
     * no terminal (so nothing is asked; {@code --yes} answers reviews), and the system clock.
     *
     * @return the command's exit code (0 done, 1 error, 2 usage, 3 refused, 4 integrity failure);
     *         never throws, and never exits the JVM
     */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return run(new CliContext(env, new BufferedReader(Reader.nullReader()), out, err, Clock.systemUTC(), false), args);
    }

    /** Runs one command line in {@code context} and returns its exit code; never throws. */
    static int run(CliContext context, String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // What picocli would print for the root's version option, without loading picocli to print it.
            for (String line : WardenCommand.versionLines()) {
                context.out().println(line);
            }
            context.out().flush();
            return ExitCode.OK;
        }
        OptionalInt direct = DirectCommands.run(context, args);
        return direct.isPresent() ? direct.getAsInt() : Commands.execute(context, args);
    }
}
