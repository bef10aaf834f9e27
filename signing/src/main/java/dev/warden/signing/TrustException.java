package dev.warden.signing;

/** A trusted-publisher file or change that was refused; the message names the file, publisher or key and what to do. */
public final class TrustException extends Exception {

    private static final long serialVersionUID = 1L;

    public TrustException(String message) {
        super(message);
    }

    public TrustException(String message, Throwable cause) {
        super(message, cause);
    }
}
