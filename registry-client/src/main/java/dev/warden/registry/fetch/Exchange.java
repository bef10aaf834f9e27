package dev.warden.registry.fetch;

import java.net.URI;
import java.util.Optional;

/**
 * Sends one GET and watches it until the body is in the sink: no retries, no redirects (the fetcher's
 * chain does those). The size cap, the timeouts and the minimum rate are enforced while it runs, and a
 * failure is a {@link FetchException} whose message names the URL.
 */
interface Exchange {

    /** Sent as {@code User-Agent}. */
    String USER_AGENT = "warden/0.1";

    /**
     * What came back; the body, when the status is 200, is in the sink.
     *
     * @param etag     the ETag header, if sent
     * @param location the Location header, if sent
     */
    record Response(URI uri, int status, Optional<String> etag, Optional<String> location) {
    }

    /**
     * @param etag sent as {@code If-None-Match}
     * @throws FetchException when the exchange fails or breaks a limit; a status is never an exception here
     */
    Response send(URI uri, Optional<String> etag, long maxBytes, BodySink sink, Deadline deadline)
            throws FetchException;
}
