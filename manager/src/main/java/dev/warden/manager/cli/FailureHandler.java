package dev.warden.manager.cli;

import dev.warden.io.UnsafeCharacters;
import dev.warden.io.WardenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The one place failures become messages and exit codes (DESIGN §7). No stack trace unless --debug. One named class for
 * both of picocli's handlers, not a method reference: building the start-up archive spins every lambda again, which
 * links the picocli interface it implements, and Java 17 leaves a linked class of picocli's (Java 5) format out of it.
 */
final class FailureHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final WardenCommand root;

    FailureHandler(WardenCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine cli, ParseResult parsed) {
        return report(failure, cli.getErr());
    }

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        return usage(problem, args);
    }

    /** Prints what {@code failure} means to {@code err} (its trace only with --debug); @return its exit code */
    int report(Exception failure, PrintWriter err) {
        int code = exitCode(failure);
        err.println("warden: " + UnsafeCharacters.escapeMultiline(message(failure)));
        if (root.debug) {
            failure.printStackTrace(err);
        } else if (code == ExitCode.ERROR && isUnexpected(failure)) {
            err.println("(this looks like a bug in Warden; run again with --debug and report the trace)");
        }
        err.flush();
        return code;
    }

    static int usage(ParameterException problem, String[] args) {
        CommandLine cli = problem.getCommandLine();
        cli.getErr().println("warden: " + UnsafeCharacters.escapeMultiline(problem.getMessage()));
        cli.getErr().println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        cli.getErr().flush();
        return ExitCode.USAGE;
    }

    static int exitCode(Throwable failure) {
        return failure instanceof WardenException e ? e.category().exitCode() : ExitCode.ERROR;
    }

    static String message(Throwable failure) {
        if (failure instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or folder";
        }
        if (failure instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (failure instanceof FileSystemException e) {
            return e.getMessage();
        }
        if (failure instanceof UncheckedIOException e) {
            return message(e.getCause());
        }
        if (isUnexpected(failure)) {
            return "unexpected failure: " + failure;
        }
        return failure.getMessage();
    }

    /** Warden's own failures and the file system's are expected; anything else is a bug worth a trace. */
    private static boolean isUnexpected(Throwable failure) {
        return !(failure instanceof WardenException || failure instanceof IOException
                || failure instanceof UncheckedIOException);
    }
}
