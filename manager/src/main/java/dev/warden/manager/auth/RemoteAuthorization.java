package dev.warden.manager.auth;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.UnsafeCharacters;
import java.time.Clock;
import java.util.Optional;

/**
 * The gateway's side of OAuth for one remote server of one plugin: the stored access token for that server at its
 * declared URL, refreshed at the stored token endpoint when it has expired or the server refused it. Tokens go
 * only into the {@code Authorization} header of requests to that server and into the token file.
 */
public final class RemoteAuthorization {

    private final TokenStore store;
    private final AuthHttp http;
    private final Clock clock;
    private final PluginId plugin;
    private final String server;
    private final String resource;

    /**
     * @param url the server's declared URL; tokens stored for another URL (the plugin changed it) are not used
     */
    public RemoteAuthorization(TokenStore store, AuthHttp http, Clock clock, PluginId plugin, String server, String url) {
        this.store = store;
        this.http = http;
        this.clock = clock;
        this.plugin = plugin;
        this.server = server;
        this.resource = Resources.canonical(url);
    }

    /** @return the command that signs in to this server */
    public String loginCommand() {
        return "warden auth login " + plugin + " " + UnsafeCharacters.escape(server);
    }

    /**
     * @return the access token to send, refreshed first if it has expired; empty if none is stored for this server
     *         at this URL, or it expired and could not be refreshed
     * @throws AuthException if the token file cannot be read, or the token endpoint cannot be reached
     */
    public synchronized Optional<String> bearer() throws AuthException {
        Optional<StoredToken> stored = stored();
        if (stored.isPresent() && stored.get().expired(clock.instant())) {
            return refreshed(stored.get());
        }
        return stored.map(StoredToken::accessToken);
    }

    /**
     * @param rejected the access token the server refused
     * @return a new access token, if a refresh token is stored and the token endpoint gives one; empty otherwise
     * @throws AuthException if the token file cannot be read, or the token endpoint cannot be reached
     */
    public synchronized Optional<String> renewed(String rejected) throws AuthException {
        Optional<StoredToken> stored = stored();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().accessToken().equals(rejected)) {
            return Optional.of(stored.get().accessToken());
        }
        return refreshed(stored.get());
    }

    private Optional<StoredToken> stored() throws AuthException {
        return store.find(plugin, server).filter(t -> t.resource().equals(resource));
    }

    private Optional<String> refreshed(StoredToken token) throws AuthException {
        if (token.refreshToken().isEmpty()) {
            return Optional.empty();
        }
        AuthHttp.checked("the stored token endpoint", token.tokenEndpoint().toString());
        TokenEndpoint.Tokens tokens;
        try {
            tokens = new TokenEndpoint(http).refresh(token.tokenEndpoint(), token.refreshToken().get(), token.clientId(),
                    token.resource(), clock.instant());
        } catch (AuthException e) {
            if (e.category() == AuthException.Category.REFUSED) {
                return Optional.empty();
            }
            throw e;
        }
        StoredToken renewed = token.refreshed(tokens, clock.instant());
        store.put(renewed);
        return Optional.of(renewed.accessToken());
    }
}
