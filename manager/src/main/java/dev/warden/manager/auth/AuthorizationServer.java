package dev.warden.manager.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An authorization server's metadata (RFC 8414 or OpenID discovery), checked: its {@code issuer} is exactly the
 * identifier Warden looked it up by, it supports PKCE with S256, and each endpoint Warden uses may receive OAuth
 * requests ({@link AuthHttp#checked}).
 *
 * @param issuer                 the issuer identifier
 * @param authorizationEndpoint  where the browser signs in
 * @param tokenEndpoint          where codes and refresh tokens are exchanged
 * @param registrationEndpoint   where clients register (RFC 7591), if it offers that
 * @param revocationEndpoint     where tokens are revoked (RFC 7009), if it offers that
 * @param issRequired            whether it sends {@code iss} with the browser's answer (RFC 9207), which Warden then requires
 */
record AuthorizationServer(String issuer, URI authorizationEndpoint, URI tokenEndpoint,
                           Optional<URI> registrationEndpoint, Optional<URI> revocationEndpoint, boolean issRequired) {

    AuthorizationServer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(registrationEndpoint, "registrationEndpoint");
        Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
    }

    /**
     * @param json   the metadata document
     * @param from   where it was read
     * @param issuer the identifier the protected resource named
     * @throws AuthException naming what is wrong: another issuer, no S256, an endpoint Warden may not use
     */
    static AuthorizationServer parse(JsonNode json, URI from, String issuer) throws AuthException {
        String where = "the authorization server metadata at " + AuthHttp.shown(from);
        String named = ProtectedResource.text(json, "issuer", where);
        if (!named.equals(issuer)) {
            throw AuthException.refused(where + " names the issuer '" + AuthHttp.shown(named) + "', not '"
                    + AuthHttp.shown(issuer) + "': Warden uses an authorization server only under its own name");
        }
        if (!ProtectedResource.strings(json, "code_challenge_methods_supported").contains("S256")) {
            throw AuthException.refused(where + " does not list S256 in code_challenge_methods_supported: Warden"
                    + " signs in only with PKCE (S256), as MCP requires");
        }
        URI authorize = AuthHttp.checked("its authorization_endpoint",
                ProtectedResource.text(json, "authorization_endpoint", where));
        URI token = AuthHttp.checked("its token_endpoint", ProtectedResource.text(json, "token_endpoint", where));
        Optional<URI> registration = optional(json, "registration_endpoint");
        Optional<URI> revocation = optional(json, "revocation_endpoint");
        JsonNode iss = json.get("authorization_response_iss_parameter_supported");
        return new AuthorizationServer(issuer, authorize, token, registration, revocation,
                iss != null && iss.isBoolean() && iss.booleanValue());
    }

    private static Optional<URI> optional(JsonNode json, String member) throws AuthException {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw AuthException.refused("the authorization server's " + member + " is not a string");
        }
        return Optional.of(AuthHttp.checked("its " + member, value.stringValue()));
    }
}
