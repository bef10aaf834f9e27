package dev.warden.registry.tuf;

/**
 * A static signed repository could not be read, or what it served failed a check. The message names
 * the role, the file and the numbers involved, and says what to do.
 */
public final class TufException extends Exception {

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
        super(message);
        this.kind = kind;
    }

    TufException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Which check failed. */
    public Kind kind() {
        return kind;
    }

    /**
     * True unless the failure was only in fetching, or a refused signing key: the repository served something that must
     * not be trusted.
     */
    public boolean isIntegrity() {
        return kind != Kind.FETCH && kind != Kind.KEY_REFUSED;
    }
}
