package dev.warden.registry.git;

/**
 * A git marketplace or one of its plugins could not be read or made available. The message names
 * the repository, file or plugin, what failed, and what to do about it.
 *
 * @since 0.1
 */
public final class MarketplaceException extends Exception {

    /** @param message what failed, on which repository, file or plugin, and what to do */
    public MarketplaceException(String message) {
        super(message);
    }

    /**
     * @param message what failed, on which repository, file or plugin, and what to do
     * @param cause   the underlying failure
     */
    public MarketplaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
