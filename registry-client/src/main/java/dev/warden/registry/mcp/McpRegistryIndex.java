package dev.warden.registry.mcp;

import dev.warden.io.JsonPath;
import dev.warden.io.StrictJson;
import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.Fetcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The cached listing of one MCP Registry, kept in its own folder of {@code $WARDEN_HOME/cache}: the
 * latest version of each server the registry has not deleted.
 *
 * <p>The first {@link #refresh} reads every page ({@code version=latest}); later ones ask only for
 * what changed since the previous refresh ({@code updated_since}, a few minutes early to allow for
 * clock differences) and merge it in by server name and version. The cache file is replaced
 * atomically, and only after every page arrived and parsed; any failure leaves it, and this object,
 * as they were. Entries that are malformed or carry control, ANSI or bidi characters are skipped,
 * counted in the {@link RefreshSummary}, and never hide the good entries of their page.
 *
 * <p>Instances are safe for use by several threads; two processes refreshing one folder at once
 * each leave a complete file, the later one winning.
 *
 * @since 0.1
 */
public final class McpRegistryIndex {

    static final String API_PATH = "v0.1";
    static final String OLD_API_PATH = "v0";
    /** How far before the last refresh an incremental refresh starts, for clock skew and in-flight writes. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final Path cacheDir;
    private Map<String, McpServerListing> byName;
    private Optional<Instant> lastRefresh;
    private String apiPath;

    private McpRegistryIndex(Path cacheDir, Map<String, McpServerListing> byName, Optional<Instant> lastRefresh,
                             String apiPath) {
        this.cacheDir = cacheDir;
        this.byName = byName;
        this.lastRefresh = lastRefresh;
        this.apiPath = apiPath;
    }

    /**
     * @param cacheDir this registry's cache folder; it need not exist yet
     * @return the cached index, empty (no servers, no last refresh) when nothing is cached yet
     * @throws IOException if the cache file cannot be read or is damaged; the message names the file
     *                     and says to delete it
     */
    public static McpRegistryIndex load(Path cacheDir) throws IOException {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Optional<IndexFile.Content> content = IndexFile.read(cacheDir);
        Map<String, McpServerListing> byName = new TreeMap<>();
        content.ifPresent(c -> c.servers().forEach(listing -> merge(byName, listing)));
        return new McpRegistryIndex(cacheDir, byName, content.flatMap(IndexFile.Content::lastRefresh),
                content.map(IndexFile.Content::apiPath).orElse(API_PATH));
    }

    /** @return the latest version of each server, deleted ones left out, sorted by name; empty before the first refresh */
    public synchronized List<McpServerListing> servers() {
        return List.copyOf(byName.values());
    }

    /** @return when the last successful refresh started; empty before the first one */
    public synchronized Optional<Instant> lastRefresh() {
        return lastRefresh;
    }

    /**
     * Brings the index up to date with the registry and writes it to the cache folder.
     *
     * @param fetcher   reads from the registry's base URL; paths passed are like {@code v0.1/servers?limit=100&cursor=...}
     * @param clock     the time recorded as this refresh's start, from which the next refresh asks for changes
     * @param pageLimit the most pages to read; a listing with more is refused rather than cut short
     * @return what changed, and the entries skipped
     * @throws McpRegistryException if a page cannot be fetched or parsed, the paging loops, or there are more
     *                              than {@code pageLimit} pages; the cache is unchanged
     * @throws IOException          if the cache file cannot be written; the old one is unchanged
     * @throws IllegalArgumentException if {@code pageLimit} is less than 1
     */
    public synchronized RefreshSummary refresh(Fetcher fetcher, Clock clock, int pageLimit)
            throws McpRegistryException, IOException {
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(clock, "clock");
        if (pageLimit < 1) {
            throw new IllegalArgumentException("pageLimit must be at least 1, not " + pageLimit);
        }
        Instant started = clock.instant();
        // a last refresh "in the future" means the clock was moved back: only a full listing is safe then
        boolean incremental = lastRefresh.isPresent() && !lastRefresh.get().isAfter(started);
        String query = incremental
                ? "updated_since=" + PageWalk.encode(lastRefresh.get().minus(OVERLAP).truncatedTo(ChronoUnit.SECONDS).toString())
                : "version=latest";
        PageWalk.Result walked = new PageWalk(fetcher, apiPath, query, pageLimit).run();

        Map<String, McpServerListing> next = new TreeMap<>(incremental ? byName : Map.of());
        List<String> skipped = new ArrayList<>();
        for (ListingParser.Page page : walked.pages()) {
            page.entries().forEach(listing -> merge(next, listing));
            skipped.addAll(page.skipped());
        }
        int added = 0;
        int updated = 0;
        for (Map.Entry<String, McpServerListing> entry : next.entrySet()) {
            McpServerListing before = byName.get(entry.getKey());
            if (before == null) {
                added++;
            } else if (!before.equals(entry.getValue())) {
                updated++;
            }
        }
        int removed = (int) byName.keySet().stream().filter(name -> !next.containsKey(name)).count();

        IndexFile.write(cacheDir, new IndexFile.Content(Optional.of(started), walked.apiPath(), List.copyOf(next.values())));
        byName = next;
        lastRefresh = Optional.of(started);
        apiPath = walked.apiPath();
        return new RefreshSummary(walked.pages().size(), added, updated, removed, next.size(), skipped);
    }

    /**
     * The server's entry as the registry serves it now ({@code GET v0.1/servers/{name}/versions/latest}),
     * so that an install acts on what the registry says at that moment (a changed {@code fileSha256}, a
     * server taken down). A registry read at {@code /v0}, or one that answers 404 there (it has no such
     * endpoint), gives the cached entry.
     *
     * @param name a server name from {@link #servers()}
     * @return the entry; empty when neither the registry nor the cache lists the server, or the registry
     *         now marks it deleted
     * @throws McpRegistryException when the entry cannot be fetched, is malformed, or names another server
     */
    public Optional<McpServerListing> current(Fetcher fetcher, String name) throws McpRegistryException {
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(name, "name");
        Optional<McpServerListing> cached;
        String path;
        synchronized (this) {
            cached = Optional.ofNullable(byName.get(name));
            path = apiPath + "/servers/" + PageWalk.encode(name) + "/versions/latest";
            if (!apiPath.equals(API_PATH)) {
                return cached;
            }
        }
        byte[] body;
        try {
            body = fetcher.fetch(path, PageWalk.MAX_PAGE_BYTES, Optional.empty()).bytes();
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.NOT_FOUND) {
                return cached;
            }
            throw new McpRegistryException("the latest entry of " + UnsafeCharacters.quote(name) + " could not be fetched ("
                    + e.getMessage() + "); nothing was installed. Try again later", e);
        }
        McpServerListing listing;
        try {
            StrictJson.Result tree = ListingParser.read(body);
            if (!tree.problems().isEmpty()) {
                throw new IllegalArgumentException(tree.problems().get(0).path() + ": " + tree.problems().get(0).message());
            }
            listing = ListingParser.entry(tree.root().orElseThrow(), JsonPath.ROOT);
        } catch (IllegalArgumentException e) {
            throw new McpRegistryException("the registry's latest entry of " + UnsafeCharacters.quote(name) + " is not valid: "
                    + e.getMessage() + "; nothing was installed. Report it to the registry's operator", e);
        }
        if (!listing.name().equals(name)) {
            throw new McpRegistryException("asked for the latest entry of " + UnsafeCharacters.quote(name) + ", the registry"
                    + " answered with " + UnsafeCharacters.quote(listing.name()) + "; nothing was installed");
        }
        return listing.deleted() ? Optional.empty() : Optional.of(listing);
    }

    /**
     * Merges one entry by name and version: a deleted entry removes its server (when it is the cached
     * version, or the registry's latest); otherwise the entry replaces the same version, or another
     * version when it is the better candidate for "latest".
     */
    static void merge(Map<String, McpServerListing> byName, McpServerListing entry) {
        McpServerListing current = byName.get(entry.name());
        if (entry.deleted()) {
            if (current != null && (current.version().equals(entry.version()) || entry.latest())) {
                byName.remove(entry.name());
            }
        } else if (current == null || current.version().equals(entry.version()) || preferred(entry, current)) {
            byName.put(entry.name(), entry);
        }
    }

    /** Latest beats not latest; between equals the more recently updated, and the newcomer when the registry does not say. */
    private static boolean preferred(McpServerListing entry, McpServerListing current) {
        if (entry.latest() != current.latest()) {
            return entry.latest();
        }
        if (entry.updatedAt().isPresent() && current.updatedAt().isPresent()) {
            return !entry.updatedAt().get().isBefore(current.updatedAt().get());
        }
        return true;
    }
}
