package dev.warden.manager.lifecycle;

import dev.warden.io.WardenException;

/**
 * A plugin's dependencies cannot be met as the marketplaces and the installed plugins stand: one is offered nowhere,
 * no offered version lies in the range asked for, two plugins ask for versions no one release satisfies, an installed
 * version lies outside a range, or plugins depend on each other in a cycle. The message names the plugins and the
 * ranges; nothing was installed (exit 1).
 */
public final class DependencyException extends WardenException {

    private static final long serialVersionUID = 1L;

    public DependencyException(String message) {
        super(Category.ERROR, message);
    }
}
