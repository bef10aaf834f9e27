package dev.warden.registry.fetch;

import dev.warden.io.WardenException;

/** A file could not be fetched; the message names the URL or path and what to do. */
public final class FetchException extends WardenException {

    /** What went wrong, for callers that react differently (e.g. TUF stops probing roots at NOT_FOUND). */
    public enum Kind {
        /** 404 or 410, or no such local file. */
        NOT_FOUND,
        /** More bytes than the limit for this file. */
        TOO_LARGE,
        /** Fewer bytes than announced, or the connection ended early. */
        TRUNCATED,
        /** Slower than the minimum transfer rate, or over the total time. */
        TOO_SLOW,
        /** No connection or no response within the timeouts, or a long silence in the middle of a body. */
        TIMEOUT,
        /** The server kept answering 5xx after the retries. */
        SERVER_ERROR,
        /** Any other status the client cannot use (4xx other than 404/410, 3xx without a location). */
        BAD_RESPONSE,
        /** A redirect to another origin, or from https to http, or more than five redirects. */
        REDIRECT_REFUSED,
        /** A path that would leave the location, or a location Warden cannot read from (another scheme, a malformed URL). */
        BAD_PATH,
        /** Connection refused or reset, DNS failure, or a local read or write error. */
        NETWORK
    }

    private final Kind kind;

    /**
     * @param kind    what went wrong
     * @param message names the URL or path, says what happened and what to do
     */
    public FetchException(Kind kind, String message) {
        super(Category.ERROR, message);
        this.kind = kind;
    }

    /**
     * @param kind    what went wrong
     * @param message names the URL or path, says what happened and what to do
     * @param cause   the underlying failure
     */
    public FetchException(Kind kind, String message, Throwable cause) {
        super(Category.ERROR, message, cause);
        this.kind = kind;
    }

    /** What went wrong, never null. */
    public Kind kind() {
        return kind;
    }
}
