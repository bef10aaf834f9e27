package dev.warden.manager.sandbox;

import dev.warden.io.WardenException;

/**
 * A plugin may not run here: what was asked for, the machine and the policy cannot all be met (exit 3).
 * The message says which rule or which missing program, and what to do.
 */
public final class IsolationRefusedException extends WardenException {

    private static final long serialVersionUID = 1L;

    public IsolationRefusedException(String message) {
        super(Category.REFUSED, message);
    }
}
