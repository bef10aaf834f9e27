package dev.warden.registry.fetch;

import java.util.Optional;

/**
 * A file read by {@link Fetcher#fetch}.
 *
 * @param bytes       the content; empty when {@code notModified}
 * @param etag        the server's validator for a later revalidation, if it gave one
 * @param notModified the server confirmed the content behind the given etag is unchanged
 */
public record FetchedBytes(byte[] bytes, Optional<String> etag, boolean notModified) {
}
