package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.Permission;
import java.util.List;

/**
 * Everything that differs between what a person approved and what a version asks for, the changes
 * that need their consent first.
 *
 * @param changes every change, those needing consent first, then highest risk first
 * @since 0.1
 */
public record UpdateReview(List<PermissionChange> changes) {

    /** @throws NullPointerException if the list or one of its changes is null */
    public UpdateReview {
        changes = List.copyOf(changes);
    }

    /** @return true if at least one change needs the person's approval before the version may run */
    public boolean needsConsent() {
        return changes.stream().anyMatch(PermissionChange::needsConsent);
    }

    /** @return the changes that need approval, possibly empty */
    public List<PermissionChange> needingConsent() {
        return changes.stream().filter(PermissionChange::needsConsent).toList();
    }

    /**
     * @return the required permissions the version may have without asking: already covered by the
     *         granted set, or new with a risk below {@link dev.warden.catalog.manifest.Risk#MEDIUM}. Optional
     *         permissions are never among them: they are asked for when the plugin needs them.
     */
    public List<Permission> grantedWithoutAsking() {
        return changes.stream()
                .filter(c -> !c.needsConsent())
                .filter(c -> c.kind() == ChangeKind.NEW_PERMISSION || c.kind() == ChangeKind.WIDENED_SCOPE)
                .flatMap(c -> c.permission().stream())
                .filter(p -> !p.optional())
                .toList();
    }

    /** @return true if nothing changed at all */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
