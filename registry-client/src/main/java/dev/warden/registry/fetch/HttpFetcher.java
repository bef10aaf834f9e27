package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads marketplace files over http(s), as a chain of small steps: path check, redirect check (same
 * origin, at most {@value #MAX_REDIRECTS}), retry, status check, and one watched exchange that enforces
 * the size cap, the timeouts and the minimum rate: on a socket of its own for plain http reached without a
 * proxy ({@link PlainHttpExchange}), with the JDK's client for https and through a proxy ({@link HttpExchange}).
 */
final class HttpFetcher extends SinkFetcher {

    static final int MAX_REDIRECTS = 5;

    private final URI base;
    private final FetchSettings settings;
    private final Exchange exchange;
    private final Retrier retrier;
    private final LongSupplier clock;

    HttpFetcher(URI base, FetchSettings settings, Exchange exchange, Retrier retrier, LongSupplier clock) {
        this.base = base;
        this.settings = settings;
        this.exchange = exchange;
        this.retrier = retrier;
        this.clock = clock;
    }

    /** A fetcher for an http(s) URL, read as a folder whether or not it ends in {@code /}. */
    static HttpFetcher open(String location, FetchSettings settings) throws FetchException {
        URI base = baseUri(location);
        LongSupplier clock = System::nanoTime;
        Exchange exchange = isDirectHttp(base, ProxySelector.getDefault())
                ? new PlainHttpExchange(settings, clock) : HttpExchange.open(settings, clock);
        return new HttpFetcher(base, settings, exchange, Retrier.of(settings), clock);
    }

    /** The same with the JDK's client whatever the scheme (for tests of that client over plain http). */
    static HttpFetcher openWithJdkClient(String location, FetchSettings settings) throws FetchException {
        LongSupplier clock = System::nanoTime;
        return new HttpFetcher(baseUri(location), settings, HttpExchange.open(settings, clock), Retrier.of(settings), clock);
    }

    /**
     * Whether requests under {@code base} go over plain http without a proxy: every redirect Warden follows
     * stays on the same scheme, host and port, so the answer holds for all of them.
     *
     * @param proxies the proxy selector the JDK's client would use; null when there is none
     */
    static boolean isDirectHttp(URI base, ProxySelector proxies) {
        if (!"http".equalsIgnoreCase(base.getScheme())) {
            return false;
        }
        if (proxies == null) {
            return true;
        }
        try {
            return proxies.select(base).stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
        } catch (RuntimeException e) {
            return false; // a selector that cannot decide: the JDK's client asks it again and reports what it says
        }
    }


    /** The base URL with a trailing {@code /}; refuses user names, queries and fragments. */
    static URI baseUri(String location) throws FetchException {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new FetchException(FetchException.Kind.BAD_PATH, "\"" + UnsafeCharacters.escape(location)
                    + "\" is not a valid URL (" + UnsafeCharacters.escape(e.getReason()) + "); check the marketplace location", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String shown = uri.toASCIIString();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Kind.BAD_PATH, shown + ": not an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new FetchException(FetchException.Kind.BAD_PATH, shown + ": the URL has no host; write it as "
                    + scheme + "://host/path/");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException(FetchException.Kind.BAD_PATH, "the marketplace URL has a user name or password"
                    + " in it, which Warden does not send and does not show; remove it");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new FetchException(FetchException.Kind.BAD_PATH, shown + ": a marketplace URL cannot have a"
                    + " query (?) or a fragment (#); give the folder that holds its files");
        }
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        } else if (!path.endsWith("/")) {
            path = path + "/";
        }
        if (path.startsWith("/..")) {
            throw new FetchException(FetchException.Kind.BAD_PATH, shown + ": the URL's path goes above the root");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    @Override
    public String location() {
        return base.toASCIIString();
    }

    @Override
    Received receive(String path, Optional<String> etag, long maxBytes, BodySink sink) throws FetchException {
        URI uri = resolve(path);
        Exchange.Response response = get(uri, etag, maxBytes, sink);
        return new Received(uri.toASCIIString(), response.etag(), response.status() == 304);
    }

    /** The URL of a path under the base; refuses paths that would leave it. */
    URI resolve(String path) throws FetchException {
        FetchPaths.checkWithQuery(location(), path);
        int question = path.indexOf('?');
        String query = question < 0 ? "" : path.substring(question);
        URI uri = URI.create(base.toASCIIString() + encode(question < 0 ? path : path.substring(0, question)) + query);
        if (!uri.normalize().getRawPath().startsWith(base.getRawPath())) {
            throw new FetchException(FetchException.Kind.BAD_PATH, location() + ": refused the path \""
                    + UnsafeCharacters.escape(path) + "\" (it leaves the marketplace)");
        }
        return uri;
    }

    private Exchange.Response get(URI start, Optional<String> etag, long maxBytes, BodySink sink)
            throws FetchException {
        Deadline deadline = Deadline.after(settings.totalTimeout(), clock);
        URI uri = start;
        for (int redirects = 0; ; redirects++) {
            URI current = uri;
            Exchange.Response response = retrier.call(
                    () -> StatusCheck.accept(exchange.send(current, etag, maxBytes, sink, deadline), etag.isPresent()),
                    deadline);
            if (!StatusCheck.isRedirect(response.status())) {
                return response;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new FetchException(FetchException.Kind.REDIRECT_REFUSED, start.toASCIIString()
                        + ": more than " + MAX_REDIRECTS + " redirects (the last to " + current.toASCIIString()
                        + "); the marketplace is misconfigured");
            }
            uri = RedirectCheck.target(current, response.location());
        }
    }

    // Every byte outside the unreserved set and a few safe sub-delimiters is percent-encoded, so the
    // server sees exactly the path that was checked. A percent sign is already the start of an escape
    // (FetchPaths allows no other), which is sent as it is: TUF role names arrive encoded.
    private static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~/!$&'()*+,;=@%".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
