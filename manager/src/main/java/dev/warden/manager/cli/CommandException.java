package dev.warden.manager.cli;

import dev.warden.io.WardenException;

/** A failure found by a command itself (a wrong argument, a missing file), with the exit code it ends the command with. */
final class CommandException extends WardenException {

    private static final long serialVersionUID = 1L;

    CommandException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    CommandException(int exitCode, String message, Throwable cause) {
        super(Category.ofExitCode(exitCode), message, cause);
    }

    static CommandException error(String message) {
        return new CommandException(ExitCode.ERROR, message);
    }

    static CommandException usage(String message) {
        return new CommandException(ExitCode.USAGE, message);
    }

    static CommandException refused(String message) {
        return new CommandException(ExitCode.REFUSED, message);
    }

    static CommandException integrity(String message) {
        return new CommandException(ExitCode.INTEGRITY, message);
    }

    int exitCode() {
        return category().exitCode();
    }
}
