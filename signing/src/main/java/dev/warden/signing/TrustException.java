package dev.warden.signing;

import dev.warden.io.WardenException;

/** A trusted-publisher file or change that was refused; the message names the file, publisher or key and what to do. */
public final class TrustException extends WardenException {

    private static final long serialVersionUID = 1L;

    public TrustException(String message) {
        super(Category.ERROR, message);
    }

    public TrustException(String message, Throwable cause) {
        super(Category.ERROR, message, cause);
    }
}
