package dev.warden.manager.auth;

import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers Warden as a public client (RFC 7591) at an authorization server that offers registration: named
 * "Warden", with the loopback redirect URI of this sign-in, and no client secret ({@code none}).
 *
 * <p>MCP 2025-11-25 prefers a Client ID Metadata Document (an https URL that is the client id). Warden has no https
 * address of its own to publish one at, so it registers, or uses the client id the person gives.
 */
final class DynamicRegistration {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AuthHttp http;

    DynamicRegistration(AuthHttp http) {
        this.http = http;
    }

    /**
     * @return the client id the server gave
     * @throws AuthException if the server offers no registration (naming {@code --client-id}) or refuses it
     */
    String register(AuthorizationServer server, String redirect) throws AuthException {
        URI endpoint = server.registrationEndpoint().orElseThrow(() -> AuthException.refused("the authorization"
                + " server " + AuthHttp.shown(server.issuer()) + " does not offer client registration: register Warden"
                + " there yourself (redirect URI http://127.0.0.1/callback, any port) and pass its client id with"
                + " --client-id"));
        ObjectNode request = JSON.createObjectNode();
        request.put("client_name", "Warden");
        request.putArray("redirect_uris").add(redirect);
        request.putArray("grant_types").add("authorization_code").add("refresh_token");
        request.putArray("response_types").add("code");
        request.put("token_endpoint_auth_method", "none");
        AuthHttp.Answer answer = http.postJson(endpoint, JSON.writeValueAsString(request), "application/json");
        if (!answer.ok()) {
            throw AuthException.refused("the registration endpoint " + AuthHttp.shown(endpoint) + " answered HTTP "
                    + answer.status() + ": pass a client id you registered with --client-id");
        }
        JsonNode id = answer.json("the registration endpoint's answer").get("client_id");
        if (id == null || !id.isString() || id.stringValue().isEmpty()) {
            throw AuthException.refused("the registration endpoint " + AuthHttp.shown(endpoint) + " sent no client_id");
        }
        return id.stringValue();
    }
}
