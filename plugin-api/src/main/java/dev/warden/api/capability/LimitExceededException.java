package dev.warden.api.capability;

/**
 * A call went past one of Warden's limits: a response or file too large, a call too slow.
 *
 * @since 0.1
 */
public class LimitExceededException extends CapabilityException {

    private static final long serialVersionUID = 1L;

    /** @param message which limit, its value, and on what */
    public LimitExceededException(String message) {
        super(message);
    }
}
