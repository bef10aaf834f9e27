package dev.warden.registry.tuf;

import dev.warden.io.WardenException;

/**
 * A static signed repository could not be read, or what it served failed a check. The message names
 * the role, the file and the numbers involved, and says what to do.
 */
public final class TufException extends WardenException {

    /** Which check failed. */
    public enum Kind {
        /** The file could not be fetched (network, server, missing file); nothing was shown to be wrong with the content. */
        FETCH,
        /** Not valid JSON, or not the shape TUF metadata has. */
        MALFORMED,
        /** Fewer valid signatures than the threshold of the role's keys. */
        SIGNATURE,
        /** A version older than one already trusted. */
        ROLLBACK,
        /** Metadata past its expiry date (a freeze attack, or an operator who stopped re-signing). */
        EXPIRED,
        /** Length, hash or version different from what the signed metadata above it lists, or a conflicting publish. */
        MISMATCH,
        /** More bytes than the limit for the file (endless data). */
        TOO_LARGE,
        /**
         * Publishing with a key that may not sign what it was asked to: not the repository's key, or a publisher role
         * asked to sign outside its paths. A refusal of the signer; nothing served was shown to be wrong.
         */
        KEY_REFUSED
    }

    private final Kind kind;

    TufException(Kind kind, String message) {
        this(kind, message, null);
    }

    TufException(Kind kind, String message, Throwable cause) {
        super(categoryOf(kind), message, cause);
        this.kind = kind;
    }

    /** A refused signing key is a refusal, a failed fetch an error, and anything served that must not be trusted an integrity failure. */
    private static Category categoryOf(Kind kind) {
        return switch (kind) {
            case KEY_REFUSED -> Category.REFUSED;
            case FETCH -> Category.ERROR;
            case MALFORMED, SIGNATURE, ROLLBACK, EXPIRED, MISMATCH, TOO_LARGE -> Category.INTEGRITY;
        };
    }

    /** Which check failed. */
    public Kind kind() {
        return kind;
    }
}
