package dev.warden.manager.config;

import dev.warden.io.WardenException;

/** A value for a plugin's option that is missing, of the wrong type or would change a URL's shape (exit 2). */
public final class UserConfigException extends WardenException {

    private static final long serialVersionUID = 1L;

    public UserConfigException(String message) {
        super(Category.USAGE, message);
    }
}
