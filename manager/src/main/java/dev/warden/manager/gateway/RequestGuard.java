package dev.warden.manager.gateway;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a request to {@code warden serve --http} may reach the MCP server. It must come from this
 * machine, name this server in its Host header (a page whose DNS name was rebound to 127.0.0.1 names its own),
 * come from no web page but a local one, and carry the token. The steps run in that order; the first that fails
 * answers, with 403 for the place and 401 for the token. OAuth discovery under {@code /.well-known/} answers 404
 * before the token is asked for, so that a client asks its person for the token instead of registering itself.
 */
final class RequestGuard {

    /** What the guard looks at in a request: the path asked for, and the headers (an absent header is empty). */
    record Request(String remoteAddress, Optional<String> host, Optional<String> origin, Optional<String> authorization,
                   String path) {
        Request {
            Objects.requireNonNull(remoteAddress, "remoteAddress");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(path, "path");
        }

        /** A request for the MCP endpoint. */
        Request(String remoteAddress, Optional<String> host, Optional<String> origin, Optional<String> authorization) {
            this(remoteAddress, host, origin, authorization, HttpGateway.PATH);
        }
    }

    /** Why a request is refused: the HTTP status and a short message for the client, which never repeats the request. */
    record Refusal(int status, String message) {
        static final int UNAUTHORIZED = 401;
        static final int FORBIDDEN = 403;
        static final int NOT_FOUND = 404;
    }

    /** What a client is told to run when its token is missing or wrong. */
    static final String SHOW_TOKEN = "warden serve --show-token";

    /**
     * Where OAuth clients look for protected-resource and authorization-server metadata (RFC 9728, RFC 8414, OpenID).
     * Warden has none: a 401 there would send a client such as Claude Code into dynamic client registration.
     */
    private static final String WELL_KNOWN = "/.well-known/";

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
    private static final String BEARER = "bearer ";

    private final GatewayToken token;
    private final int port;
    private final DefaultServerTransportSecurityValidator hosts;
    private final DefaultServerTransportSecurityValidator origins;

    /** A guard for the server listening on 127.0.0.1:{@code port}. */
    RequestGuard(GatewayToken token, int port) {
        this.token = Objects.requireNonNull(token, "token");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port a server listens on");
        }
        this.port = port;
        // The SDK's validator compares Host exactly, and Origin exactly or with any port ("scheme://host:*"). It checks
        // Host only when given hosts, and refuses any Origin when given none: one validator a header keeps each step alone.
        this.hosts = DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(List.of("127.0.0.1:" + port, "localhost:" + port))
                .build();
        this.origins = DefaultServerTransportSecurityValidator.builder()
                .allowedOrigins(List.of("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*",
                        "https://127.0.0.1:*", "https://localhost:*", "https://[::1]:*"))
                .build();
    }

    /** @return why {@code request} is refused, or empty if it may reach the MCP server */
    Optional<Refusal> check(Request request) {
        if (!isLoopback(request.remoteAddress())) {
            return Optional.of(new Refusal(Refusal.FORBIDDEN, "this server answers requests from this machine only"));
        }
        try {
            hosts.validateHeaders(Map.of("Host", request.host().map(RequestGuard::lower).stream().toList()));
        } catch (ServerTransportSecurityException e) {
            return Optional.of(new Refusal(Refusal.FORBIDDEN, "the Host header does not name this server (127.0.0.1:"
                    + port + " or localhost:" + port + ")"));
        }
        try {
            origins.validateHeaders(Map.of("Origin", request.origin().map(RequestGuard::lower).stream().toList()));
        } catch (ServerTransportSecurityException e) {
            return Optional.of(new Refusal(Refusal.FORBIDDEN, "requests from web pages are refused unless the page is"
                    + " on this machine (Origin http://localhost or http://127.0.0.1)"));
        }
        if (request.path().startsWith(WELL_KNOWN)) {
            return Optional.of(new Refusal(Refusal.NOT_FOUND, "not found: this server has no OAuth metadata; it needs"
                    + " the bearer token that '" + SHOW_TOKEN + "' prints"));
        }
        Optional<String> presented = request.authorization()
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).strip());
        if (presented.isEmpty()) {
            return Optional.of(new Refusal(Refusal.UNAUTHORIZED, "this server needs the header 'Authorization: Bearer"
                    + " <token>' with the token in $WARDEN_HOME/" + GatewayTokenStore.FILE_NAME + "; '" + SHOW_TOKEN
                    + "' prints it"));
        }
        if (!token.matches(presented.get())) {
            return Optional.of(new Refusal(Refusal.UNAUTHORIZED, "the bearer token is not this server's; the token is"
                    + " in $WARDEN_HOME/" + GatewayTokenStore.FILE_NAME + "; '" + SHOW_TOKEN + "' prints it"));
        }
        return Optional.empty();
    }

    /**
     * Whether {@code address}, as the servlet container writes a client's address, is a loopback address. Only
     * an IP literal counts: anything else is refused rather than looked up.
     */
    static boolean isLoopback(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
                : address;
        if (IPV4.matcher(literal).matches()) {
            String[] octets = literal.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return octets[0].equals("127");
        }
        if (!IPV6.matcher(literal).matches()) {
            return false;
        }
        try {
            // A text with a colon is parsed as an IPv6 literal or refused; it is never looked up.
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String lower(String header) {
        return header.toLowerCase(Locale.ROOT);
    }
}
