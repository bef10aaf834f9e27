package dev.warden.manager.auth;

import dev.warden.io.WardenException;

/**
 * An OAuth step that failed: discovery, registration, the browser's answer, a token request or the token file. The
 * message names the step and what was wrong with it, and never holds a token, a code or a verifier.
 */
public final class AuthException extends WardenException {

    private static final long serialVersionUID = 1L;

    AuthException(Category category, String message) {
        super(category, message);
    }

    static AuthException refused(String message) {
        return new AuthException(Category.REFUSED, message);
    }

    static AuthException error(String message) {
        return new AuthException(Category.ERROR, message);
    }
}
