package dev.warden.manager.lifecycle;

import dev.warden.io.WardenException;

/**
 * Warden declined to go on because of trust, policy or the person's answer (exit 3). Nothing was
 * changed apart from the audit entry that records the refusal.
 */
public final class RefusalException extends WardenException {

    private static final long serialVersionUID = 1L;

    public RefusalException(String message) {
        super(Category.REFUSED, message);
    }
}
