package dev.warden.manager.auth;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The token endpoint's grants Warden uses (authorization code with PKCE, refresh token), each with the
 * {@code resource} (RFC 8707) the token is for, and revocation (RFC 7009). An error names the endpoint and the
 * server's {@code error} code, never a token.
 */
final class TokenEndpoint {

    /** What a token request returned; its {@code toString} hides the tokens. */
    record Tokens(String access, Optional<String> refresh, Optional<Instant> expiresAt, Optional<String> scope) {
        @Override
        public String toString() {
            return "Tokens[(hidden), expiresAt=" + expiresAt + ", scope=" + scope + "]";
        }
    }

    private final AuthHttp http;

    TokenEndpoint(AuthHttp http) {
        this.http = http;
    }

    Tokens exchange(URI endpoint, String code, Pkce pkce, String redirect, String clientId, String resource,
                    Instant now) throws AuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("code_verifier", pkce.verifier());
        form.put("redirect_uri", redirect);
        form.put("client_id", clientId);
        form.put("resource", resource);
        return tokens(endpoint, form, now);
    }

    /** @return the new tokens; the old refresh token is kept by the caller where the server sends no new one */
    Tokens refresh(URI endpoint, String refreshToken, String clientId, String resource, Instant now) throws AuthException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        form.put("resource", resource);
        return tokens(endpoint, form, now);
    }

    /** Revokes a token (RFC 7009); the caller reports a failure and forgets the token either way. */
    void revoke(URI endpoint, String token, String hint, String clientId) throws AuthException {
        AuthHttp.Answer answer = http.postForm(endpoint, Map.of("token", token, "token_type_hint", hint,
                "client_id", clientId));
        if (!answer.ok()) {
            throw AuthException.error("the revocation endpoint " + AuthHttp.shown(endpoint) + " answered HTTP "
                    + answer.status() + errorCode(answer));
        }
    }

    private Tokens tokens(URI endpoint, Map<String, String> form, Instant now) throws AuthException {
        AuthHttp.Answer answer = http.postForm(endpoint, form);
        if (!answer.ok()) {
            throw AuthException.refused("the token endpoint " + AuthHttp.shown(endpoint) + " answered HTTP "
                    + answer.status() + errorCode(answer));
        }
        JsonNode json = answer.json("the token endpoint's answer");
        JsonNode access = json.get("access_token");
        JsonNode type = json.get("token_type");
        if (access == null || !access.isString() || access.stringValue().isEmpty()
                || !access.stringValue().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw AuthException.refused("the token endpoint " + AuthHttp.shown(endpoint) + " sent no usable access_token");
        }
        if (type == null || !type.isString() || !type.stringValue().equalsIgnoreCase("bearer")) {
            throw AuthException.refused("the token endpoint " + AuthHttp.shown(endpoint) + " sent a token that is not"
                    + " of type Bearer");
        }
        JsonNode refresh = json.get("refresh_token");
        JsonNode expires = json.get("expires_in");
        JsonNode scope = json.get("scope");
        return new Tokens(access.stringValue(),
                refresh != null && refresh.isString() && !refresh.stringValue().isEmpty()
                        ? Optional.of(refresh.stringValue()) : Optional.empty(),
                expires != null && expires.isNumber() && expires.longValue() > 0
                        ? Optional.of(now.plusSeconds(expires.longValue())) : Optional.empty(),
                scope != null && scope.isString() ? Optional.of(scope.stringValue()) : Optional.empty());
    }

    /** @return {@code " (error: invalid_grant)"} when the answer names a short error code, else nothing */
    private static String errorCode(AuthHttp.Answer answer) {
        try {
            JsonNode error = answer.json("the answer").get("error");
            if (error != null && error.isString() && error.stringValue().matches("[A-Za-z0-9_.-]{1,64}")) {
                return " (error: " + error.stringValue() + ")";
            }
        } catch (AuthException e) {
            // an answer that is not JSON says nothing more
        }
        return "";
    }
}
