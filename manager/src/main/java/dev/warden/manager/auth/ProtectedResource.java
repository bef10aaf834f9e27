package dev.warden.manager.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The protected-resource metadata of an MCP server (RFC 9728), as far as Warden uses it.
 *
 * @param resource             the resource identifier, equal to the server's URL
 * @param authorizationServer  the first authorization server it names (the one Warden uses)
 * @param scopesSupported      the scopes it lists; empty if none
 */
record ProtectedResource(String resource, String authorizationServer, List<String> scopesSupported) {

    ProtectedResource {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(authorizationServer, "authorizationServer");
        scopesSupported = List.copyOf(scopesSupported);
    }

    /**
     * @param json     the metadata document
     * @param from     where it was read, for messages
     * @param expected the server's canonical URL, which the document's {@code resource} must equal
     * @throws AuthException naming the member that is missing or wrong
     */
    static ProtectedResource parse(JsonNode json, URI from, String expected) throws AuthException {
        String where = "the protected-resource metadata at " + AuthHttp.shown(from);
        String resource = text(json, "resource", where);
        if (!Resources.canonical(resource).equals(expected)) {
            throw AuthException.refused(where + " is for the resource '" + AuthHttp.shown(resource) + "', not for "
                    + AuthHttp.shown(expected) + ": Warden does not use another resource's authorization");
        }
        JsonNode servers = json.get("authorization_servers");
        if (servers == null || !servers.isArray() || servers.isEmpty() || !servers.get(0).isString()) {
            throw AuthException.refused(where + " names no authorization server (authorization_servers)");
        }
        return new ProtectedResource(expected, servers.get(0).stringValue(), strings(json, "scopes_supported"));
    }

    static String text(JsonNode json, String member, String where) throws AuthException {
        JsonNode value = json.get(member);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            throw AuthException.refused(where + " has no " + member);
        }
        return value.stringValue();
    }

    static List<String> strings(JsonNode json, String member) {
        List<String> values = new ArrayList<>();
        JsonNode array = json.get(member);
        if (array != null && array.isArray()) {
            array.forEach(v -> {
                if (v.isString()) {
                    values.add(v.stringValue());
                }
            });
        }
        return values;
    }
}
