package dev.warden.manager.imports;

import dev.warden.io.WardenException;

/**
 * A Claude Code plugin folder could not be turned into a Warden plugin source folder. The message
 * names the file or field at fault and what to do.
 *
 * @since 0.1
 */
public final class ClaudeImportException extends WardenException {

    /** @param message what failed, on which file or field, and what to do */
    public ClaudeImportException(String message) {
        this(Category.ERROR, message);
    }

    private ClaudeImportException(Category category, String message) {
        super(category, message);
    }

    /**
     * A plugin that asks for something Warden never does (a path out of its own folder), as opposed to one
     * that is merely broken: the command refuses it ({@link Category#REFUSED}, exit 3) rather than failing.
     *
     * @param message what was refused, on which file or field
     * @return the exception
     */
    public static ClaudeImportException refusal(String message) {
        return new ClaudeImportException(Category.REFUSED, message);
    }

    /**
     * @param message what failed, on which file or field, and what to do
     * @param cause   the underlying failure
     */
    public ClaudeImportException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
