package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.Risk;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an update review.
 *
 * @param kind         what changed
 * @param subject      what it changed on: {@code kind scope} for permissions, the tool name for
 *                     connectors, the server name (or {@code mcpServers}) for MCP servers
 * @param description  the change in plain words, for the review screen
 * @param risk         how risky approving this change is: the permission's risk for new and widened
 *                     permissions, {@link Risk#NONE} for removals
 * @param needsConsent whether the plugin stays disabled until the person approves this change
 * @param permission   the permission, for {@link ChangeKind#NEW_PERMISSION}, {@link ChangeKind#WIDENED_SCOPE}
 *                     and {@link ChangeKind#PERMISSION_REMOVED}; empty for the other kinds
 * @since 0.1
 */
public record PermissionChange(ChangeKind kind, String subject, String description, Risk risk, boolean needsConsent,
                               Optional<Permission> permission) {

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the permission is missing for a permission change or
     *                                  present for any other change
     */
    public PermissionChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(permission, "permission");
        boolean aboutPermission = kind == ChangeKind.NEW_PERMISSION || kind == ChangeKind.WIDENED_SCOPE
                || kind == ChangeKind.PERMISSION_REMOVED;
        if (aboutPermission != permission.isPresent()) {
            throw new IllegalArgumentException(kind + (aboutPermission ? " needs" : " must not carry") + " a permission");
        }
    }
}
