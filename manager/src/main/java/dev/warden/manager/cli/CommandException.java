package dev.warden.manager.cli;

/** A failure a person can act on, with the exit code it ends the command with. */
final class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CommandException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
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
        return exitCode;
    }
}
