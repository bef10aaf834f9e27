package dev.warden.manager.marketplace;

import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.fetch.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens the fetcher of a location on first use: reading what a marketplace offered last time
 * ({@code search}, {@code info}, {@code marketplace list}) then never sets up an HTTP client.
 */
final class LazyFetcher implements Fetcher {

    private final String location;
    private final FetchSettings settings;
    private Fetcher opened;

    LazyFetcher(String location, FetchSettings settings) {
        this.location = location;
        this.settings = settings;
    }

    private synchronized Fetcher opened() throws FetchException {
        if (opened == null) {
            opened = Fetchers.open(location, settings);
        }
        return opened;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public FetchedBytes fetch(String path, long maxBytes, Optional<String> etag) throws FetchException {
        return opened().fetch(path, maxBytes, etag);
    }

    @Override
    public FetchedFile download(String path, long maxBytes, Path target, List<String> algorithms, Progress progress)
            throws FetchException {
        return opened().download(path, maxBytes, target, algorithms, progress);
    }
}
