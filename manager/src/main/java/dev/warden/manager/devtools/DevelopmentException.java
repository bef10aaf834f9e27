package dev.warden.manager.devtools;

import dev.warden.io.WardenException;

/**
 * A step of the development loop or of a release that stopped it: the build failed, the plugin has lint errors, the
 * key is the wrong one. The message says which step, on which file, and what to do.
 */
public final class DevelopmentException extends WardenException {

    private static final long serialVersionUID = 1L;

    public DevelopmentException(Category category, String message) {
        super(category, message);
    }

    public DevelopmentException(Category category, String message, Throwable cause) {
        super(category, message, cause);
    }
}
