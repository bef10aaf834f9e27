package dev.warden.manager.auth;

/** Revokes stored tokens at their authorization server (RFC 7009), where it offers revocation. */
public final class OAuthRevocation {

    private OAuthRevocation() {
    }

    /**
     * Revokes the refresh token (which ends the access tokens issued with it at most servers), then the access token.
     *
     * @return true if the server offers revocation and accepted both requests, false if it offers none
     * @throws AuthException if the endpoint may not be used, cannot be reached, or refuses
     */
    public static boolean revoke(AuthHttp http, StoredToken token) throws AuthException {
        if (token.revocationEndpoint().isEmpty()) {
            return false;
        }
        AuthHttp.checked("the stored revocation endpoint", token.revocationEndpoint().get().toString());
        TokenEndpoint endpoint = new TokenEndpoint(http);
        if (token.refreshToken().isPresent()) {
            endpoint.revoke(token.revocationEndpoint().get(), token.refreshToken().get(), "refresh_token", token.clientId());
        }
        endpoint.revoke(token.revocationEndpoint().get(), token.accessToken(), "access_token", token.clientId());
        return true;
    }
}
