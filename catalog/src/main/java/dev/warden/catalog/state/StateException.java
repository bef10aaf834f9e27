package dev.warden.catalog.state;

import dev.warden.io.WardenException;

/**
 * Warden's local state cannot be read or changed. The message names the file and what to do; state
 * is never reset silently to get past one of these.
 *
 * @since 0.1
 */
public class StateException extends WardenException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, on which file, and what to do */
    public StateException(String message) {
        super(Category.ERROR, message);
    }

    /**
     * @param message what failed, on which file, and what to do
     * @param cause   the underlying failure
     */
    public StateException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
