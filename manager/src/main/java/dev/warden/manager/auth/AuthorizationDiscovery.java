package dev.warden.manager.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out how to sign in to a remote MCP server (MCP authorization, 2025-06-18 and 2025-11-25): a request
 * without a token answers 401 with {@code WWW-Authenticate: Bearer resource_metadata="..."} → the protected-resource
 * metadata (RFC 9728), or where the header names none, that of the server's path, then of its origin → its first
 * authorization server → that server's metadata (RFC 8414, then OpenID discovery).
 */
final class AuthorizationDiscovery {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"([^\"]*)\"|([^\\s,]+))");
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"warden\","
            + "\"version\":\"auth\"}}}";

    /**
     * What discovery found.
     *
     * @param resource the server's canonical URL, the {@code resource} of every request
     * @param server   the authorization server's checked metadata
     * @param scope    the scope to ask for: the 401's {@code scope}, else the metadata's {@code scopes_supported}
     */
    record Discovery(String resource, AuthorizationServer server, Optional<String> scope) {
    }

    private final AuthHttp http;

    AuthorizationDiscovery(AuthHttp http) {
        this.http = http;
    }

    /**
     * @param serverUrl the remote server's declared URL
     * @throws AuthException if the server does not ask for authorization, or a document is missing or refused
     */
    Discovery discover(String serverUrl) throws AuthException {
        URI server = AuthHttp.checked("the MCP server's URL", serverUrl);
        String resource = Resources.canonical(serverUrl);
        AuthHttp.Answer probe = http.postJson(server, INITIALIZE, "application/json, text/event-stream");
        if (probe.status() != 401) {
            throw AuthException.error("the MCP server at " + AuthHttp.shown(server) + " answered HTTP " + probe.status()
                    + " to a request without a token, not 401: it does not ask for OAuth authorization");
        }
        Map<String, String> challenge = challenge(probe.header("WWW-Authenticate").orElse(""));
        List<URI> candidates = new ArrayList<>();
        if (challenge.containsKey("resource_metadata")) {
            candidates.add(AuthHttp.checked("the resource_metadata the server names", challenge.get("resource_metadata")));
        } else {
            String origin = Resources.origin(server);
            String path = server.getRawPath() == null ? "" : server.getRawPath();
            if (!path.isEmpty() && !path.equals("/")) {
                candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource" + path));
            }
            candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource"));
        }
        AuthHttp.Answer metadata = first(candidates, "protected-resource metadata");
        ProtectedResource protectedResource = ProtectedResource.parse(metadata.json("the protected-resource metadata"),
                metadata.uri(), resource);
        AuthorizationServer authorization = authorizationServer(protectedResource.authorizationServer());
        Optional<String> scope = Optional.ofNullable(challenge.get("scope"))
                .or(() -> protectedResource.scopesSupported().isEmpty() ? Optional.empty()
                        : Optional.of(String.join(" ", protectedResource.scopesSupported())));
        return new Discovery(resource, authorization, scope);
    }

    private AuthorizationServer authorizationServer(String issuer) throws AuthException {
        URI id = AuthHttp.checked("the authorization server", issuer);
        if (id.getRawQuery() != null) {
            throw AuthException.refused("the authorization server '" + AuthHttp.shown(issuer) + "' has a query, which"
                    + " an issuer identifier may not have");
        }
        String origin = Resources.origin(id);
        String path = id.getRawPath() == null || id.getRawPath().equals("/") ? "" : id.getRawPath().replaceAll("/$", "");
        List<URI> candidates = new ArrayList<>();
        candidates.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
        candidates.add(URI.create(origin + "/.well-known/openid-configuration" + path));
        if (!path.isEmpty()) {
            candidates.add(URI.create(origin + path + "/.well-known/openid-configuration"));
        }
        AuthHttp.Answer metadata = first(candidates, "authorization server metadata");
        return AuthorizationServer.parse(metadata.json("the authorization server metadata"), metadata.uri(), issuer);
    }

    /** @return the first answer of 2xx; a redirect is not followed */
    private AuthHttp.Answer first(List<URI> candidates, String what) throws AuthException {
        List<String> tried = new ArrayList<>();
        for (URI candidate : candidates) {
            AuthHttp.Answer answer = http.get(candidate);
            if (answer.ok()) {
                return answer;
            }
            tried.add(AuthHttp.shown(candidate) + " (HTTP " + answer.status() + ")");
        }
        throw AuthException.error("no " + what + " was found: tried " + String.join(", ", tried)
                + "; Warden follows no redirect of OAuth requests");
    }

    /** @return the parameters of a {@code Bearer} challenge, by name; empty if there is none */
    static Map<String, String> challenge(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int bearer = header.toLowerCase(java.util.Locale.ROOT).indexOf("bearer");
        if (bearer < 0) {
            return parameters;
        }
        Matcher matcher = PARAMETER.matcher(header.substring(bearer + "bearer".length()));
        while (matcher.find()) {
            parameters.putIfAbsent(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return parameters;
    }
}
