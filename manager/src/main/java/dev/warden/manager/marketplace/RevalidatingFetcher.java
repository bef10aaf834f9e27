package dev.warden.manager.marketplace;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Asks the server whether one file changed since it was last fetched (ETag, {@code If-None-Match})
 * and, when it did not, hands back the copy fetched then. The copy is only an HTTP cache: whoever
 * reads the bytes verifies them as if they had just arrived.
 */
final class RevalidatingFetcher implements Fetcher {

    /** A copy of the file and the validator the server gave with it. */
    record Validated(String etag, byte[] bytes) {
    }

    private final Fetcher inner;
    private final String path;
    private final Optional<Validated> cached;
    private volatile Optional<Validated> latest = Optional.empty();

    /**
     * @param path   the one file to revalidate
     * @param cached its copy from an earlier fetch, if any
     */
    RevalidatingFetcher(Fetcher inner, String path, Optional<Validated> cached) {
        this.inner = inner;
        this.path = path;
        this.cached = cached;
    }

    /** The file as last fetched, with its validator, when the server sent one. */
    Optional<Validated> latest() {
        return latest;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public FetchedBytes fetch(String file, long maxBytes, Optional<String> etag) throws FetchException {
        if (!file.equals(path) || etag.isPresent()) {
            return inner.fetch(file, maxBytes, etag);
        }
        FetchedBytes fetched = inner.fetch(file, maxBytes, cached.map(Validated::etag));
        if (fetched.notModified() && cached.isPresent()) {
            latest = cached;
            return new FetchedBytes(cached.get().bytes(), Optional.of(cached.get().etag()), false);
        }
        latest = fetched.etag().map(e -> new Validated(e, fetched.bytes()));
        return fetched;
    }

    @Override
    public FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress)
            throws FetchException {
        return inner.download(path, maxBytes, target, algorithms, progress);
    }
}
