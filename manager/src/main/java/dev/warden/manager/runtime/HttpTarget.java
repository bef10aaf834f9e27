package dev.warden.manager.runtime;

import dev.warden.catalog.permissions.HostPattern;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * One URL a plugin (or a redirect) asks {@link GrantedHttp} to reach, read strictly and reduced to
 * the one spelling grants are compared with: lowercase ASCII host without trailing dot, explicit
 * port, and IP literals in every notation ({@code 2130706433}, {@code 0x7f.1}, {@code [::ffff:7f00:1]})
 * turned into the address they stand for.
 *
 * @param scheme        {@code http} or {@code https}
 * @param host          the canonical host: a name, a dotted IPv4 address, or an IPv6 address in brackets
 * @param port          the effective port
 * @param literal       the address when the host is an IP literal
 * @param requestTarget the path and query sent on the request line, ASCII, never empty
 */
record HttpTarget(String scheme, String host, int port, Optional<InetAddress> literal, String requestTarget) {

    /**
     * @param url an absolute URL
     * @return the target
     * @throws IllegalArgumentException with a message fit for the audit log (no user information) if
     *                                  the URL is not an absolute http(s) URL Warden accepts
     */
    static HttpTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs are allowed");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || authority.indexOf('@') >= 0) {
            throw new IllegalArgumentException("user information ('@') in a URL is not allowed");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a fragment ('#') in a URL is not allowed");
        }
        if (authority.indexOf('%') >= 0 || authority.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("percent-encoding or backslashes in the host are not allowed");
        }
        String hostText;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 address has no closing ']'");
            }
            hostText = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected text after the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostText = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = portText == null ? (scheme.equals("https") ? 443 : 80) : port(portText);

        String host;
        Optional<InetAddress> literal;
        if (hostText.startsWith("[")) {
            InetAddress address = ipv6(hostText.substring(1, hostText.length() - 1));
            literal = Optional.of(address);
            host = spell(address);
        } else {
            String name = name(hostText);
            if (looksNumeric(name)) {
                InetAddress address = ipv4(name).orElseThrow(
                        () -> new IllegalArgumentException("the host looks like an IPv4 address but is not a valid one"));
                literal = Optional.of(address);
                host = spell(address);
            } else {
                literal = Optional.empty();
                host = name;
            }
        }
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the URL path must be absolute");
        }
        String query = ascii.getRawQuery();
        return new HttpTarget(scheme, host, port, literal, query == null ? path : path + "?" + query);
    }

    /** @return {@code scheme://host:port} */
    String origin() {
        return scheme + "://" + host + ":" + port;
    }

    /** @return the origin and path, without the query (which may carry data the audit log should not keep) */
    String auditTarget() {
        int q = requestTarget.indexOf('?');
        return origin() + (q < 0 ? requestTarget : requestTarget.substring(0, q));
    }

    /** @return the value of the {@code Host} header: the host, and the port when it is not the default */
    String hostHeader() {
        boolean defaultPort = scheme.equals("https") ? port == 443 : port == 80;
        return defaultPort ? host : host + ":" + port;
    }

    /** @return this URL in canonical form, to resolve a redirect's {@code Location} against */
    URI uri() {
        return URI.create(origin() + requestTarget);
    }

    /** @return true if the other target has the same scheme, host and port */
    boolean sameOrigin(HttpTarget other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port;
    }

    /**
     * A best-effort origin for the audit entry of a URL that {@link #parse} refused; never carries
     * user information, path or query.
     */
    static String refusedTarget(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "?" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "?" : uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host;
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the port must be a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be a number from 1 to 65535");
        }
        return port;
    }

    private static String name(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the URL has no host");
        }
        try {
            name = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the host is not a valid host name");
        }
        if (name.length() > 253) {
            throw new IllegalArgumentException("the host is longer than 253 characters");
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw new IllegalArgumentException("the host is not a valid host name");
            }
        }
        return name;
    }

    /** As in the scope grammar: top-level domains are never numeric, so such a host is an address. */
    private static boolean looksNumeric(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return last.chars().allMatch(c -> c >= '0' && c <= '9') || last.startsWith("0x");
    }

    private static InetAddress ipv6(String text) {
        if (text.isEmpty() || text.indexOf(':') < 0
                || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
                || c == ':' || c == '.')) {
            throw new IllegalArgumentException("the bracketed host is not an IPv6 address");
        }
        try {
            // a bracketed literal is parsed, never looked up
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the bracketed host is not an IPv6 address");
        }
    }

    /** An IPv4 address in any spelling inet_aton accepts, read as the scope grammar reads it. */
    private static Optional<InetAddress> ipv4(String host) {
        Optional<String> dotted = HostPattern.ipv4(host);
        if (dotted.isEmpty()) {
            return Optional.empty();
        }
        try {
            // a dotted-decimal literal is parsed, never looked up
            return Optional.of(InetAddress.getByName(dotted.get()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String spell(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]";
    }
}
