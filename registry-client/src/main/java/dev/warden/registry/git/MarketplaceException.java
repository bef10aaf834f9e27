package dev.warden.registry.git;

import dev.warden.io.WardenException;
import java.util.Objects;

/**
 * A git marketplace or one of its plugins could not be read or made available. The message names
 * the repository, file or plugin, what failed, and what to do about it; the kind says whether Warden
 * could not get it, refuses it, or found it is not what it must be.
 *
 * @since 0.1
 */
public final class MarketplaceException extends WardenException {

    /** Why the marketplace or plugin is not available. */
    public enum Kind {
        /**
         * It could not be cloned, fetched, read or written, or is not a marketplace Warden can read (a malformed
         * file, a folder that is not there): a fault to fix, with no sign that the content was tampered with.
         */
        ERROR(Category.ERROR),
        /**
         * Warden will not use it: a source outside the repository (absolute, {@code ..} above the root), or a
         * source that would run code while installing (npm, pip, command) or that Warden does not know.
         */
        REFUSED(Category.REFUSED),
        /**
         * What the repository holds is not what it must be: a link out of the plugin's folder, a submodule or a
         * link where files are expected, a name Warden does not write, an archive whose digest differs or whose
         * entries escape, a commit the marketplace pins that is not there, or more than the limits allow.
         */
        INTEGRITY(Category.INTEGRITY);

        private final Category category;

        Kind(Category category) {
            this.category = category;
        }
    }

    private final Kind kind;

    /**
     * @param kind    why it is not available
     * @param message what failed, on which repository, file or plugin, and what to do
     */
    public MarketplaceException(Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * @param kind    why it is not available
     * @param message what failed, on which repository, file or plugin, and what to do
     * @param cause   the underlying failure
     */
    public MarketplaceException(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind").category, message, cause);
        this.kind = kind;
    }

    /** Why the marketplace or plugin is not available. */
    public Kind kind() {
        return kind;
    }
}
