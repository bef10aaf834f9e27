package dev.warden.manager.imports;

/**
 * A Claude Code plugin folder could not be turned into a Warden plugin source folder. The message
 * names the file or field at fault and what to do.
 *
 * @since 0.1
 */
public final class ClaudeImportException extends Exception {

    private final boolean refused;

    /** @param message what failed, on which file or field, and what to do */
    public ClaudeImportException(String message) {
        this(message, false);
    }

    private ClaudeImportException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /**
     * A plugin that asks for something Warden never does (a path out of its own folder), as opposed to one
     * that is merely broken: the command refuses it (exit 3) rather than failing.
     *
     * @param message what was refused, on which file or field
     * @return the exception
     */
    public static ClaudeImportException refusal(String message) {
        return new ClaudeImportException(message, true);
    }

    /** @return whether the plugin was refused for what it asks, not broken */
    public boolean refused() {
        return refused;
    }

    /**
     * @param message what failed, on which file or field, and what to do
     * @param cause   the underlying failure
     */
    public ClaudeImportException(String message, Throwable cause) {
        super(message, cause);
        this.refused = false;
    }
}
