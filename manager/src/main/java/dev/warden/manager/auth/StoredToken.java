package dev.warden.manager.auth;

import dev.warden.catalog.manifest.PluginId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of one remote MCP server of one plugin, bound to everything they were obtained for: the plugin, the
 * server's name, the resource (the server's URL), the issuer and its token endpoint. They are used only for that
 * plugin's server at that URL, and refreshed only at that endpoint. {@code toString} hides the tokens.
 *
 * @param clientId the client id they were issued to (registered or given)
 */
public record StoredToken(PluginId plugin, String server, String resource, String issuer, URI tokenEndpoint,
                          Optional<URI> revocationEndpoint, String clientId, String accessToken,
                          Optional<String> refreshToken, Optional<Instant> expiresAt, Optional<String> scope,
                          Instant obtainedAt) {

    private static final Duration MARGIN = Duration.ofSeconds(5);

    public StoredToken {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
    }

    /**
     * @return whether the access token has expired at {@code now}, or will before a request reaches the server: within
     *         5 s, or a tenth of its lifetime where that is shorter
     */
    boolean expired(Instant now) {
        return expiresAt.map(at -> {
            Duration margin = Duration.between(obtainedAt, at).dividedBy(10);
            margin = margin.compareTo(MARGIN) > 0 ? MARGIN : margin;
            return !now.plus(margin).isBefore(at);
        }).orElse(false);
    }

    /** @return these tokens replaced by the ones a refresh returned, keeping the refresh token where none came */
    StoredToken refreshed(TokenEndpoint.Tokens tokens, Instant now) {
        return new StoredToken(plugin, server, resource, issuer, tokenEndpoint, revocationEndpoint, clientId,
                tokens.access(), tokens.refresh().or(() -> refreshToken), tokens.expiresAt(),
                tokens.scope().or(() -> scope), now);
    }

    @Override
    public String toString() {
        return "StoredToken[" + plugin + " " + server + " at " + issuer + ", tokens (hidden), expiresAt=" + expiresAt + "]";
    }
}
