package dev.warden.manager.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OAuth 2.1 authorization server for tests, on 127.0.0.1: protected-resource metadata for one MCP server, its own
 * metadata, dynamic registration, an authorization endpoint that checks what MCP requires (code flow, a registered
 * loopback redirect URI, PKCE S256, state, the resource) and approves at once with a 302 carrying code, state and
 * iss, a token endpoint that checks the verifier and the resource and issues short-lived tokens, refresh, and
 * revocation. Its metadata can be made hostile; each check that fails is kept in {@link #problems}.
 */
final class TestAuthorizationServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer http;
    private final String issuer;
    private String resource = "";
    /** Hostile variations, each null (or true) when the server is honest. */
    String claimedResource;
    String claimedIssuer;
    boolean s256 = true;
    String tokenEndpoint;
    String sentIss;
    long expiresIn = 3600;

    private record Pending(String client, String redirect, String challenge, String resource) {
    }

    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, Pending> codes = new ConcurrentHashMap<>();
    private final Map<String, Long> access = new ConcurrentHashMap<>();
    private final Set<String> refresh = ConcurrentHashMap.newKeySet();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    final List<String> issued = new CopyOnWriteArrayList<>();
    final List<String> grants = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

    TestAuthorizationServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + http.getAddress().getPort();
        http.createContext("/", this::handle);
        http.start();
    }

    /** Serves the protected-resource metadata of {@code mcpUrl}, the only resource it issues tokens for. */
    TestAuthorizationServer protecting(String mcpUrl) {
        this.resource = mcpUrl;
        return this;
    }

    String issuer() {
        return issuer;
    }

    /** @return the {@code WWW-Authenticate} challenge the MCP server answers a request without a valid token with */
    String challenge() {
        return "Bearer resource_metadata=\"" + issuer + "/.well-known/oauth-protected-resource/mcp\", scope=\"tools\"";
    }

    /** @return whether an {@code Authorization} header carries an access token issued, unexpired and not revoked */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String token = authorization.substring(7);
        Long until = access.get(token);
        return until != null && System.currentTimeMillis() < until && !revoked.contains(token);
    }

    /** Revokes every token issued so far, as a person would at the authorization server. */
    void revokeAll() {
        revoked.addAll(access.keySet());
        revoked.addAll(refresh);
    }

    /** Ends every access token issued so far before its stated expiry; the refresh tokens stay valid. */
    void expireAccessTokens() {
        access.replaceAll((token, until) -> 0L);
    }

    Set<String> revoked() {
        return Set.copyOf(revoked);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(exchange.getRequestMethod() + " " + path);
        authorizationHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        try {
            switch (path) {
                case "/.well-known/oauth-protected-resource/mcp" -> json(exchange, 200, prm());
                case "/.well-known/oauth-authorization-server" -> json(exchange, 200, metadata());
                case "/register" -> register(exchange);
                case "/authorize" -> authorize(exchange);
                case "/token" -> token(exchange);
                case "/revoke" -> revoke(exchange);
                case "/moved" -> {
                    exchange.getResponseHeaders().set("Location", issuer + "/.well-known/oauth-protected-resource/mcp");
                    exchange.sendResponseHeaders(302, -1);
                    exchange.close();
                }
                default -> json(exchange, 404, JSON.createObjectNode().put("error", "not_found"));
            }
        } catch (RuntimeException e) {
            problems.add(path + ": " + e);
            json(exchange, 500, JSON.createObjectNode().put("error", "server_error"));
        }
    }

    private ObjectNode prm() {
        ObjectNode prm = JSON.createObjectNode();
        prm.put("resource", claimedResource != null ? claimedResource : resource);
        prm.putArray("authorization_servers").add(issuer);
        prm.putArray("scopes_supported").add("tools");
        return prm;
    }

    private ObjectNode metadata() {
        ObjectNode metadata = JSON.createObjectNode();
        metadata.put("issuer", claimedIssuer != null ? claimedIssuer : issuer);
        metadata.put("authorization_endpoint", issuer + "/authorize");
        metadata.put("token_endpoint", tokenEndpoint != null ? tokenEndpoint : issuer + "/token");
        metadata.put("registration_endpoint", issuer + "/register");
        metadata.put("revocation_endpoint", issuer + "/revoke");
        metadata.putArray("code_challenge_methods_supported").add(s256 ? "S256" : "plain");
        metadata.putArray("response_types_supported").add("code");
        metadata.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        metadata.put("authorization_response_iss_parameter_supported", true);
        return metadata;
    }

    private void register(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String redirect = request.path("redirect_uris").path(0).asString("");
        check(redirect.startsWith("http://127.0.0.1:") && redirect.endsWith("/callback"), "redirect_uris " + redirect);
        check(request.path("token_endpoint_auth_method").asString("").equals("none"), "token_endpoint_auth_method");
        check(request.path("client_name").asString("").equals("Warden"), "client_name");
        String client = "client-" + UUID.randomUUID();
        clients.put(client, redirect);
        ObjectNode answer = JSON.createObjectNode().put("client_id", client);
        answer.putArray("redirect_uris").add(redirect);
        json(exchange, 201, answer);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String client = query.get("client_id");
        String redirect = query.get("redirect_uri");
        boolean ok = check("code".equals(query.get("response_type")), "response_type")
                & check(client != null && clients.containsKey(client), "client_id")
                & check(redirect != null && redirect.equals(clients.get(client)), "redirect_uri " + redirect)
                & check("S256".equals(query.get("code_challenge_method")), "code_challenge_method")
                & check(query.getOrDefault("code_challenge", "").length() == 43, "code_challenge")
                & check(query.getOrDefault("state", "").length() >= 16, "state")
                & check(resource.equals(query.get("resource")), "resource " + query.get("resource"))
                & check("tools".equals(query.get("scope")), "scope " + query.get("scope"));
        if (!ok) {
            json(exchange, 400, JSON.createObjectNode().put("error", "invalid_request"));
            return;
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Pending(client, redirect, query.get("code_challenge"), query.get("resource")));
        exchange.getResponseHeaders().set("Location", redirect + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + "&iss="
                + URLEncoder.encode(sentIss != null ? sentIss : issuer, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String grant = form.get("grant_type");
        grants.add(grant + " resource=" + form.get("resource"));
        if ("authorization_code".equals(grant)) {
            Pending pending = codes.remove(form.getOrDefault("code", ""));
            boolean ok = check(pending != null, "code")
                    && check(pending.client().equals(form.get("client_id")), "client_id")
                    & check(pending.redirect().equals(form.get("redirect_uri")), "redirect_uri")
                    & check(pending.challenge().equals(s256(form.getOrDefault("code_verifier", ""))), "code_verifier")
                    & check(resource.equals(form.get("resource")) && resource.equals(pending.resource()), "resource");
            if (!ok) {
                json(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant"));
                return;
            }
        } else if ("refresh_token".equals(grant)) {
            String old = form.getOrDefault("refresh_token", "");
            if (!refresh.contains(old) || revoked.contains(old)) {
                json(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant"));
                return;
            }
            check(resource.equals(form.get("resource")), "refresh resource");
            revoked.add(old);
        } else {
            json(exchange, 400, JSON.createObjectNode().put("error", "unsupported_grant_type"));
            return;
        }
        String accessToken = "at-" + UUID.randomUUID();
        String refreshToken = "rt-" + UUID.randomUUID();
        access.put(accessToken, System.currentTimeMillis() + expiresIn * 1000);
        refresh.add(refreshToken);
        issued.add(accessToken);
        issued.add(refreshToken);
        json(exchange, 200, JSON.createObjectNode().put("access_token", accessToken).put("token_type", "Bearer")
                .put("expires_in", expiresIn).put("refresh_token", refreshToken).put("scope", "tools"));
    }

    private void revoke(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        revoked.add(form.getOrDefault("token", ""));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private boolean check(boolean condition, String what) {
        if (!condition) {
            problems.add(what);
        }
        return condition;
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, Math.max(equals, 0)), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** @return every token issued, access and refresh */
    List<String> issued() {
        return new ArrayList<>(issued);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
