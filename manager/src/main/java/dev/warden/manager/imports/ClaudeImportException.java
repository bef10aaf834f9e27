package dev.warden.manager.imports;

/**
 * A Claude Code plugin folder could not be turned into a Warden plugin source folder. The message
 * names the file or field at fault and what to do.
 *
 * @since 0.1
 */
public final class ClaudeImportException extends Exception {

    /** @param message what failed, on which file or field, and what to do */
    public ClaudeImportException(String message) {
        super(message);
    }

    /**
     * @param message what failed, on which file or field, and what to do
     * @param cause   the underlying failure
     */
    public ClaudeImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
