package dev.warden.api;

import java.util.Objects;

/**
 * A plugin used a capability outside what the person granted. Every such attempt is audited, and
 * repeated denials quarantine the plugin.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public class PermissionDeniedException extends SecurityException {

    private static final long serialVersionUID = 1L;

    private final String permission;
    private final String target;

    /**
     * @param permission the kind of permission that would have been needed, as in {@code plugin.json}:
     *                   {@code fs.read}, {@code net.egress}, {@code process.exec}, …
     * @param target     what the plugin tried to reach: a path, origin, program, variable, secret or plugin id
     */
    public PermissionDeniedException(String permission, String target) {
        super("not granted: " + Objects.requireNonNull(permission, "permission") + " " + Objects.requireNonNull(target, "target"));
        this.permission = permission;
        this.target = target;
    }

    /** @return the kind of permission that would have been needed, e.g. {@code fs.read} */
    public String permission() {
        return permission;
    }

    /** @return what the plugin tried to reach */
    public String target() {
        return target;
    }
}
