package dev.warden.catalog.manifest;

import java.util.Objects;

/**
 * One permission a plugin asks for: what ({@link #kind}), on what ({@link #scope}), and why
 * ({@link #reason}). The scope is checked against the kind's grammar when the permission is created.
 *
 * @param kind     what the permission allows
 * @param scope    what it applies to, in the kind's grammar (see {@link PermissionKind})
 * @param reason   the publisher's explanation shown on the review screen; not blank
 * @param optional whether the plugin still works, with less, when the person declines it
 * @since 0.1
 */
public record Permission(PermissionKind kind, String scope, String reason, boolean optional) {

    /**
     * @throws IllegalArgumentException if the scope breaks the kind's grammar, the reason is blank,
     *                                  or either contains control, bidi or invisible characters
     * @throws NullPointerException     if the kind is null
     */
    public Permission {
        Objects.requireNonNull(kind, "kind");
        kind.checkScope(scope);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(kind.id() + " " + Names.quote(scope)
                    + " needs a reason that tells the person why the plugin asks for it");
        }
        Names.requireSafe("reason", reason);
    }

    /** @return a required (not optional) permission */
    public static Permission of(PermissionKind kind, String scope, String reason) {
        return new Permission(kind, scope, reason, false);
    }

    /** @return how risky granting this permission is */
    public Risk risk() {
        return kind.riskOf(scope);
    }

    /**
     * @return in plain words, why the permission has its {@link #risk()}: what the scope reaches and
     *         what harm that allows, e.g. {@code .git/hooks: a file written there runs as a program the
     *         next time you use git in that project}; never blank
     * @since 0.1
     */
    public String riskReason() {
        return Scopes.rate(kind, scope).reason();
    }
}
