package dev.warden.manager.cli;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.policy.PolicyException;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.imports.ClaudeImportException;
import dev.warden.manager.imports.McpImportException;
import dev.warden.manager.lifecycle.ManifestChangedException;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.marketplace.MarketplaceProblem;
import dev.warden.manager.sandbox.IsolationRefusedException;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.git.MarketplaceException;
import dev.warden.registry.mcp.McpRegistryException;
import dev.warden.registry.tuf.TufException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.BundleException;
import dev.warden.signing.KeyFileException;
import dev.warden.signing.TrustException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The one place failures become messages and exit codes (DESIGN §7). No stack trace unless --debug. */
final class FailureHandler implements IExecutionExceptionHandler {

    private final WardenCommand root;

    FailureHandler(WardenCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine cli, ParseResult parsed) {
        int code = exitCode(failure);
        cli.getErr().println("warden: " + UnsafeCharacters.escapeMultiline(message(failure)));
        if (root.debug) {
            failure.printStackTrace(cli.getErr());
        } else if (code == ExitCode.ERROR && isUnexpected(failure)) {
            cli.getErr().println("(this looks like a bug in Warden; run again with --debug and report the trace)");
        }
        cli.getErr().flush();
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
        if (failure instanceof CommandException e) {
            return e.exitCode();
        }
        if (failure instanceof RefusalException || failure instanceof IsolationRefusedException) {
            return ExitCode.REFUSED;
        }
        if (failure instanceof ManifestChangedException) {
            return ExitCode.INTEGRITY;
        }
        if (failure instanceof BundleException e) {
            return switch (e.category()) {
                case INTEGRITY -> ExitCode.INTEGRITY;
                case TRUST -> ExitCode.REFUSED;
                case IO -> ExitCode.ERROR;
            };
        }
        if (failure instanceof TufException e) {
            if (e.kind() == TufException.Kind.KEY_REFUSED) {
                return ExitCode.REFUSED;
            }
            return e.isIntegrity() ? ExitCode.INTEGRITY : ExitCode.ERROR;
        }
        if (failure instanceof ClaudeImportException e && e.refused()) {
            return ExitCode.REFUSED;
        }
        if (failure instanceof MarketplaceException e) {
            return switch (e.kind()) {
                case REFUSED -> ExitCode.REFUSED;
                case INTEGRITY -> ExitCode.INTEGRITY;
                case ERROR -> ExitCode.ERROR;
            };
        }
        return ExitCode.ERROR;
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

    private static boolean isUnexpected(Throwable failure) {
        return !(failure instanceof CommandException || failure instanceof BundleException
                || failure instanceof TrustException || failure instanceof KeyFileException
                || failure instanceof ManifestException || failure instanceof IOException
                || failure instanceof RefusalException || failure instanceof IsolationRefusedException
                || failure instanceof ManifestChangedException
                || failure instanceof StateException
                || failure instanceof PolicyException
                || failure instanceof TufException || failure instanceof FetchException
                || failure instanceof MarketplaceProblem || failure instanceof MarketplaceException
                || failure instanceof McpRegistryException || failure instanceof ClaudeImportException
                || failure instanceof McpImportException
                || failure instanceof UncheckedIOException);
    }
}
