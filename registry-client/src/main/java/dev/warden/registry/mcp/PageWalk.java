package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.Fetcher;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches every page of one listing by following {@code nextCursor}, with a cap on the page count and
 * on each page's size, and stops when a cursor comes back a second time. Single use: {@link #run}
 * returns all pages or throws, so that the caller changes nothing unless the whole listing arrived.
 */
final class PageWalk {

    /** Largest page accepted: 100 servers of a generous size are far below this. */
    static final long MAX_PAGE_BYTES = 4L * 1024 * 1024;
    /** Servers per page; the most the official registry serves. */
    static final int PAGE_SIZE = 100;

    /** The pages read and the API path that answered them. */
    record Result(List<ListingParser.Page> pages, String apiPath) {
    }

    private final Fetcher fetcher;
    private final String query;
    private final int maxPages;
    private String apiPath;

    /**
     * @param query    the query parameters after {@code limit} and before {@code cursor}, already encoded
     * @param apiPath  {@code v0.1}, or {@code v0} for a registry known to be older
     */
    PageWalk(Fetcher fetcher, String apiPath, String query, int maxPages) {
        this.fetcher = fetcher;
        this.apiPath = apiPath;
        this.query = query;
        this.maxPages = maxPages;
    }

    Result run() throws McpRegistryException {
        List<ListingParser.Page> pages = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        Optional<String> cursor = Optional.empty();
        while (true) {
            int number = pages.size() + 1;
            String path = path(cursor);
            ListingParser.Page page = parse(number, path, fetchPage(number, path));
            pages.add(page);
            if (page.nextCursor().isEmpty()) {
                return new Result(pages, apiPath);
            }
            String next = page.nextCursor().get();
            if (!cursors.add(next)) {
                throw new McpRegistryException("page " + number + " of " + url(path) + " points back to the cursor "
                        + UnsafeCharacters.quote(next) + " of an earlier page; the registry's paging loops, so the listing"
                        + " was not updated. Try again later or report it to the registry's operator");
            }
            if (number >= maxPages) {
                throw new McpRegistryException("the listing at " + url(path) + " has more than " + maxPages
                        + " pages of " + PAGE_SIZE + " servers; nothing was updated. Raise the page limit if this"
                        + " registry really is that large");
            }
            cursor = Optional.of(next);
        }
    }

    private byte[] fetchPage(int number, String path) throws McpRegistryException {
        try {
            return checked(number, path, fetcher.fetch(path, MAX_PAGE_BYTES, Optional.empty()));
        } catch (FetchException e) {
            if (number == 1 && e.kind() == FetchException.Kind.NOT_FOUND && apiPath.equals(McpRegistryIndex.API_PATH)) {
                // registries deployed before v0.1 serve the same listing under /v0
                apiPath = McpRegistryIndex.OLD_API_PATH;
                String older = path(Optional.empty());
                try {
                    return checked(number, older, fetcher.fetch(older, MAX_PAGE_BYTES, Optional.empty()));
                } catch (FetchException again) {
                    apiPath = McpRegistryIndex.API_PATH;
                    throw failure(number, path, e);
                }
            }
            throw failure(number, path, e);
        }
    }

    private byte[] checked(int number, String path, FetchedBytes fetched) throws McpRegistryException {
        if (fetched.notModified()) {
            throw new McpRegistryException("page " + number + " of " + url(path)
                    + " came back as 'not modified' although nothing was cached for it; nothing was updated");
        }
        return fetched.bytes();
    }

    private McpRegistryException failure(int number, String path, FetchException e) {
        String advice = switch (e.kind()) {
            case NOT_FOUND -> "check that the location is an MCP Registry base URL (it should serve /v0.1/servers)";
            case TOO_LARGE -> "a page over " + MAX_PAGE_BYTES + " bytes is not a normal listing; report it to the registry's operator";
            default -> "try again later";
        };
        return new McpRegistryException("page " + number + " of " + url(path) + " could not be fetched ("
                + e.getMessage() + "); nothing was updated. " + capitalise(advice), e);
    }

    private ListingParser.Page parse(int number, String path, byte[] body) throws McpRegistryException {
        try {
            return ListingParser.page(body, "page " + number);
        } catch (IllegalArgumentException e) {
            throw new McpRegistryException("page " + number + " of " + url(path) + " is not a valid server listing: "
                    + e.getMessage() + "; nothing was updated. Try again later or report it to the registry's operator", e);
        }
    }

    private String path(Optional<String> cursor) {
        StringBuilder path = new StringBuilder(apiPath).append("/servers?limit=").append(PAGE_SIZE);
        if (!query.isEmpty()) {
            path.append('&').append(query);
        }
        cursor.ifPresent(c -> path.append("&cursor=").append(encode(c)));
        return path.toString();
    }

    private String url(String path) {
        String base = fetcher.location();
        return UnsafeCharacters.quote((base.endsWith("/") ? base : base + "/") + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
