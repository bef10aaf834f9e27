package dev.warden.manager.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The canonical form of an MCP server's URL, as the {@code resource} of RFC 8707 and RFC 9728 compares it. */
final class Resources {

    private Resources() {
    }

    /**
     * @return the URL with its scheme and host in lower case, without a fragment and without a lone trailing
     *         {@code /}; the URL itself if it cannot be parsed (it then equals no other)
     */
    static String canonical(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().equals("/") ? "" : uri.getRawPath();
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                    + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return url;
        }
    }

    /** @return the origin of an http(s) URI: scheme, host and port as written */
    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }
}
