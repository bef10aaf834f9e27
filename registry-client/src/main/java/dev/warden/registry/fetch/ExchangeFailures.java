package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.io.IOException;

/** The messages of a failed exchange, the same whichever client sent it. */
final class ExchangeFailures {

    private ExchangeFailures() {
    }

    /** A local write failure, as the caller sees it. */
    static FetchException localFailure(String url, IOException e) {
        return new FetchException(FetchException.Kind.NETWORK, url + ": " + e.getMessage()
                + "; check the free disk space and the permissions of the folder", new SinkFailure(e.getMessage(), e));
    }

    static FetchException connectTimeout(String url, Throwable cause) {
        return new FetchException(FetchException.Kind.TIMEOUT, url + ": could not connect within the time allowed;"
                + " check the address and your network", cause);
    }

    static FetchException noConnection(String url, Throwable cause) {
        return new FetchException(FetchException.Kind.NETWORK, url + ": could not connect ("
                + describe(cause) + "); check the address and your network", cause);
    }

    static FetchException unknownHost(String url, Throwable cause) {
        return new FetchException(FetchException.Kind.NETWORK, url + ": unknown host; check the address"
                + " and your network", cause);
    }

    static FetchException interrupted(String url, InterruptedException cause) {
        return new FetchException(FetchException.Kind.NETWORK, url + ": interrupted while fetching", cause);
    }

    /**
     * A connection that broke: after the response head, the body was cut short ({@code TRUNCATED}); before
     * it, no response came ({@code NETWORK}).
     *
     * @param headersArrived whether the response head had arrived
     * @param bytes          the bytes of the body received
     */
    static FetchException broken(String url, boolean headersArrived, long bytes, Throwable cause) {
        if (headersArrived) {
            return new FetchException(FetchException.Kind.TRUNCATED, url + ": the connection ended after "
                    + bytes + " bytes of the body (" + describe(cause)
                    + "); the server or a proxy cut the transfer short, try again later", cause);
        }
        return new FetchException(FetchException.Kind.NETWORK, url + ": the connection failed before a response ("
                + describe(cause) + "); check your network and try again", cause);
    }

    static FetchException requestTooLong(String url, int bytes, int maxBytes) {
        String shown = url.length() > 200 ? url.substring(0, 200) + "..." : url;
        return new FetchException(FetchException.Kind.BAD_PATH, shown + ": a request for this URL would take " + bytes
                + " bytes, more than the " + maxBytes + " Warden sends; the marketplace may be misconfigured or hostile");
    }

    static FetchException announcedTooLarge(String url, long announced, long maxBytes) {
        return new FetchException(FetchException.Kind.TOO_LARGE, url + ": the server announced "
                + Units.size(announced) + ", more than " + Units.size(maxBytes)
                + " (the limit for this file); the marketplace may be misconfigured or hostile");
    }

    static FetchException sentTooMuch(String url, long maxBytes) {
        return new FetchException(FetchException.Kind.TOO_LARGE, url + ": the server sent more than "
                + Units.size(maxBytes) + " (the limit for this file); the marketplace may be misconfigured or hostile");
    }

    static FetchException endedShort(String url, long count, long announced) {
        return new FetchException(FetchException.Kind.TRUNCATED, url + ": the body ended after " + count + " of "
                + announced + " bytes; the server or a proxy cut the transfer short, try again later");
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "no detail";
        }
        String message = error.getMessage();
        return UnsafeCharacters.escape(message == null || message.isBlank() ? error.getClass().getSimpleName() : message);
    }
}
