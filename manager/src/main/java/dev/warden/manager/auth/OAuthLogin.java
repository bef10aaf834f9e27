package dev.warden.manager.auth;

import dev.warden.catalog.manifest.PluginId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signs the person in to one remote MCP server of one plugin (MCP authorization): {@link #discover} finds the
 * authorization server, which the caller names to the person; {@link #signIn} gets a client id (given, or registered),
 * sends the browser to the authorization endpoint with PKCE (S256), {@code state} and {@code resource}, takes the
 * code at a loopback redirect, exchanges it, and stores the tokens. Single use.
 */
public final class OAuthLogin {

    /** What the person sees of a sign-in: the address to open, and a browser to open it in. */
    @FunctionalInterface
    public interface Browser {
        /** Shows the address and, where it can, opens it; the sign-in then waits for the redirect. */
        void visit(URI authorization);
    }

    /**
     * Who asks and where to.
     *
     * @param plugin   the plugin the server belongs to
     * @param server   the server's name in the plugin's declaration
     * @param url      the server's declared URL
     * @param clientId a client id the person registered, or empty to register one
     * @param patience how long to wait for the browser's answer
     */
    public record Request(PluginId plugin, String server, String url, Optional<String> clientId, Duration patience) {
        public Request {
            Objects.requireNonNull(plugin, "plugin");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(patience, "patience");
        }
    }

    /**
     * The authorization server the sign-in will use, to be shown to the person before the browser opens.
     *
     * @param issuer   its issuer identifier
     * @param origin   the origin of its authorization endpoint, where the browser goes
     * @param resource the server's URL, which the token will be for
     * @param scope    the scope asked for, if any
     */
    public record Target(String issuer, String origin, String resource, Optional<String> scope) {
    }

    private final AuthHttp http;
    private final TokenStore store;
    private final Clock clock;
    private final Request request;
    private AuthorizationDiscovery.Discovery discovery;

    public OAuthLogin(AuthHttp http, TokenStore store, Clock clock, Request request) {
        this.http = http;
        this.store = store;
        this.clock = clock;
        this.request = request;
    }

    /**
     * @return where the person will sign in
     * @throws AuthException if the server does not ask for OAuth, or its metadata is missing or refused
     */
    public Target discover() throws AuthException {
        discovery = new AuthorizationDiscovery(http).discover(request.url());
        return new Target(discovery.server().issuer(), Resources.origin(discovery.server().authorizationEndpoint()),
                discovery.resource(), discovery.scope());
    }

    /**
     * @return the stored tokens (the caller shows what {@code StoredToken#toString} shows, never a token)
     * @throws AuthException naming the step that failed; nothing is stored then
     * @throws IllegalStateException if {@link #discover} did not run first, or this sign-in ran already
     */
    public StoredToken signIn(Browser browser) throws AuthException {
        if (discovery == null) {
            throw new IllegalStateException("discover first");
        }
        AuthorizationDiscovery.Discovery found = discovery;
        discovery = null;
        AuthorizationServer server = found.server();
        Pkce pkce = Pkce.fresh();
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            String clientId = request.clientId().isPresent() ? request.clientId().get()
                    : new DynamicRegistration(http).register(server, redirect.uri());
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", clientId);
            query.put("redirect_uri", redirect.uri());
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
            query.put("state", pkce.state());
            query.put("resource", found.resource());
            found.scope().ifPresent(scope -> query.put("scope", scope));
            URI endpoint = server.authorizationEndpoint();
            String separator = endpoint.getRawQuery() == null ? "?" : "&";
            browser.visit(URI.create(endpoint + separator + query.entrySet().stream()
                    .map(e -> AuthHttp.encode(e.getKey()) + "=" + AuthHttp.encode(e.getValue()))
                    .collect(Collectors.joining("&"))));
            String code = redirect.code(request.patience(), pkce.state(), server);
            TokenEndpoint.Tokens tokens = new TokenEndpoint(http).exchange(server.tokenEndpoint(), code, pkce,
                    redirect.uri(), clientId, found.resource(), clock.instant());
            StoredToken stored = new StoredToken(request.plugin(), request.server(), found.resource(), server.issuer(),
                    server.tokenEndpoint(), server.revocationEndpoint(), clientId, tokens.access(), tokens.refresh(),
                    tokens.expiresAt(), tokens.scope().or(found::scope), clock.instant());
            store.put(stored);
            return stored;
        }
    }
}
