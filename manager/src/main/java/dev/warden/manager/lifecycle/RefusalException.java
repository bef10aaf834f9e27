package dev.warden.manager.lifecycle;

/**
 * Warden declined to go on because of trust, policy or the person's answer (exit 3). Nothing was
 * changed apart from the audit entry that records the refusal.
 */
public final class RefusalException extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusalException(String message) {
        super(message);
    }
}
