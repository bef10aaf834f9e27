package dev.warden.api.capability;

import dev.warden.api.Api;

/**
 * A granted capability could not do what was asked: the file could not be written, the host did
 * not answer, the program could not start. A call that was not granted throws
 * {@link dev.warden.api.PermissionDeniedException} instead.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
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

    /** The person was asked to confirm an action, such as a deletion, and said no. */
    public static class Declined extends CapabilityException {

        private static final long serialVersionUID = 1L;

        /** @param message what was declined */
        public Declined(String message) {
            super(message);
        }
    }

    /** A call went past one of Warden's limits: a response or file too large, a call too slow. */
    public static class LimitExceeded extends CapabilityException {

        private static final long serialVersionUID = 1L;

        /** @param message which limit, its value, and on what */
        public LimitExceeded(String message) {
            super(message);
        }
    }
}
