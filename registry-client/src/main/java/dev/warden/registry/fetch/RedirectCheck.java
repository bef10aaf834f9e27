package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a redirect may be followed: only within the origin (scheme, host and port) of the
 * request, so a marketplace cannot send Warden to another host or from https down to http.
 */
final class RedirectCheck {

    private RedirectCheck() {
    }

    /**
     * @param location the Location header
     * @return the address to request next
     * @throws FetchException {@link FetchException.Kind#REDIRECT_REFUSED} naming both addresses, or
     *                        {@link FetchException.Kind#BAD_RESPONSE} for a missing or unreadable Location
     */
    static URI target(URI from, Optional<String> location) throws FetchException {
        String url = from.toASCIIString();
        if (location.isEmpty() || location.get().isBlank()) {
            throw new FetchException(FetchException.Kind.BAD_RESPONSE, url
                    + ": the server answered a redirect without a Location; the marketplace is misconfigured");
        }
        URI to;
        try {
            to = from.resolve(new URI(location.get().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.BAD_RESPONSE, url + ": the server redirected to \""
                    + UnsafeCharacters.escape(location.get()) + "\", which is not a valid URL; the marketplace is misconfigured", e);
        }
        String shown = to.toASCIIString();
        if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme())) {
            throw refused(url, shown, "from https to http");
        }
        if (!sameOrigin(from, to)) {
            throw refused(url, shown, "to another origin");
        }
        if (to.getRawUserInfo() != null) {
            throw refused(url, shown, "to an address with a user name");
        }
        // The fragment is never sent.
        int fragment = shown.indexOf('#');
        return fragment < 0 ? to : URI.create(shown.substring(0, fragment));
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    }

    private static FetchException refused(String from, String to, String why) {
        return new FetchException(FetchException.Kind.REDIRECT_REFUSED, from + ": refused a redirect " + why
                + " (" + to + "); a marketplace may only redirect within its own scheme, host and port."
                + " Use the final address as the marketplace location if you trust it");
    }
}
