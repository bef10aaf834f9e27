package dev.warden.manager.cli;

import dev.warden.registry.fetch.Fetchers;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine;

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

    /** Runs one command line in {@code context} and returns its exit code; never throws. */
    static int run(CliContext context, String... args) {
        WardenCommand root = new WardenCommand(context);
        CommandLine cli = new CommandLine(root);
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(new FailureHandler(root));
        cli.setParameterExceptionHandler(FailureHandler::usage);
        return cli.execute(args);
    }
}
