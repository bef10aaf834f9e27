package dev.warden.api;

import dev.warden.api.manifest.PermissionKind;
import java.util.Objects;

/**
 * A plugin used a capability outside what the person granted. Every such attempt is audited, and
 * repeated denials quarantine the plugin.
 *
 * @since 0.1
 */
public class PermissionDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private final PermissionKind kind;
    private final String target;

    /**
     * @param kind   the kind of permission that would have been needed
     * @param target what the plugin tried to reach: a path, origin, program, variable, secret or plugin id
     */
    public PermissionDeniedException(PermissionKind kind, String target) {
        super("not granted: " + Objects.requireNonNull(kind, "kind").id() + " " + Objects.requireNonNull(target, "target"));
        this.kind = kind;
        this.target = target;
    }

    /** @return the kind of permission that would have been needed */
    public PermissionKind kind() {
        return kind;
    }

    /** @return what the plugin tried to reach */
    public String target() {
        return target;
    }
}
