package dev.warden.registry.fetch;

import dev.warden.io.Digests;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads files from one marketplace location (an http(s) base URL or a local folder), with limits.
 * Paths are relative to the location, with {@code /} separators; a path that would leave the
 * location (absolute, {@code ..}, a scheme) is refused. Implementations are thread-safe.
 */
public interface Fetcher {

    /** The location, as shown in messages (e.g. {@code https://example.com/repo/} or {@code /srv/repo}). */
    String location();

    /**
     * Reads a whole file into memory.
     *
     * @param maxBytes refuse (with {@link FetchException.Kind#TOO_LARGE}) once more than this arrives
     * @param etag     a validator from an earlier fetch of the same path; when the server says it is
     *                 unchanged the result is {@link FetchedBytes#notModified()}
     */
    FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException;

    /**
     * Streams a file to {@code target} (created or replaced), hashing while it streams.
     *
     * @param maxBytes   refuse once more than this arrives; the partial file is deleted
     * @param algorithms hash names as TUF writes them, each one {@link Digests#isChecked checked} by Warden
     *                   ({@code sha256}, {@code sha384}, {@code sha512}); another name is an
     *                   {@link IllegalArgumentException}
     * @param progress   told about the bytes as they arrive
     */
    FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress)
            throws FetchException;
}
