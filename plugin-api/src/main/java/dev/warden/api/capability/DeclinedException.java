package dev.warden.api.capability;

/**
 * The person was asked to confirm an action, such as a deletion, and said no.
 *
 * @since 0.1
 */
public class DeclinedException extends CapabilityException {

    private static final long serialVersionUID = 1L;

    /** @param message what was declined */
    public DeclinedException(String message) {
        super(message);
    }
}
