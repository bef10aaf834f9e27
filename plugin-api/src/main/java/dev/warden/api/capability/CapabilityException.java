package dev.warden.api.capability;

/**
 * A granted capability could not do what was asked: the file could not be written, the host did
 * not answer, the program could not start. Root of the capability exceptions; a call that was not
 * granted throws {@link dev.warden.api.PermissionDeniedException} instead.
 *
 * @since 0.1
 */
public class CapabilityException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and on what */
    public CapabilityException(String message) {
        super(message);
    }

    /**
     * @param message what failed and on what
     * @param cause   the underlying failure
     */
    public CapabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
