package dev.warden.catalog.state;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the person approved for one plugin, after Chrome's model (DESIGN §4).
 *
 * <p>Permissions are stored as given (with their reason and optional flag) but compared by kind and
 * scope only: {@link #isGranted} and {@link #isActive} ignore the reason, and each list holds at most
 * one permission per kind and scope. When the given lists repeat a kind and scope, the later permission
 * replaces the earlier one in the earlier one's place. {@link #equals} is the record's: it compares the
 * stored permissions in full.
 *
 * @param granted everything the person ever approved for this plugin, kept across updates that drop a
 *                permission, so that re-adding it later does not ask again
 * @param active  what the installed version asks for and was approved; always part of {@code granted}
 * @since 0.1
 */
public record GrantSet(List<Permission> granted, List<Permission> active) {

    private static final GrantSet EMPTY = new GrantSet(List.of(), List.of());

    /**
     * @throws NullPointerException     if a list or a permission is null
     * @throws IllegalArgumentException if an active permission is not granted
     */
    public GrantSet {
        granted = collapse(granted);
        active = collapse(active);
        Map<Key, Permission> grantedKeys = byKey(granted);
        for (Permission permission : active) {
            if (!grantedKeys.containsKey(Key.of(permission))) {
                throw new IllegalArgumentException("active permission " + permission.kind().id() + " "
                        + permission.scope() + " is not granted; grant it before activating it");
            }
        }
    }

    /** @return a set with nothing granted */
    public static GrantSet empty() {
        return EMPTY;
    }

    /** @return whether nothing is granted (and so nothing is active) */
    public boolean isEmpty() {
        return granted.isEmpty();
    }

    /** @return whether a permission with this kind and scope was ever approved */
    public boolean isGranted(Permission permission) {
        return isGranted(permission.kind(), permission.scope());
    }

    /** @return whether a permission with this kind and scope was ever approved */
    public boolean isGranted(PermissionKind kind, String scope) {
        return contains(granted, new Key(kind, scope));
    }

    /** @return whether a permission with this kind and scope is active */
    public boolean isActive(Permission permission) {
        return isActive(permission.kind(), permission.scope());
    }

    /** @return whether a permission with this kind and scope is active */
    public boolean isActive(PermissionKind kind, String scope) {
        return contains(active, new Key(kind, scope));
    }

    /**
     * @param approved permissions the person just approved
     * @return a copy whose granted set also holds them (replacing those with the same kind and scope);
     *         the active set is unchanged
     */
    public GrantSet withGranted(Collection<Permission> approved) {
        List<Permission> all = new ArrayList<>(granted);
        all.addAll(approved);
        return new GrantSet(all, active);
    }

    /**
     * @param nowActive what the installed version asks for and the person approved
     * @return a copy with exactly these active permissions; the granted set is unchanged
     * @throws IllegalArgumentException if one of them is not granted
     */
    public GrantSet withActive(Collection<Permission> nowActive) {
        return new GrantSet(granted, List.copyOf(nowActive));
    }

    /**
     * Revokes a permission: the person will be asked again if a later version requests it.
     *
     * @return a copy without the permission of this kind and scope, in neither set
     */
    public GrantSet without(PermissionKind kind, String scope) {
        Key key = new Key(kind, scope);
        return new GrantSet(
                granted.stream().filter(p -> !Key.of(p).equals(key)).toList(),
                active.stream().filter(p -> !Key.of(p).equals(key)).toList());
    }

    private static boolean contains(List<Permission> permissions, Key key) {
        for (Permission permission : permissions) {
            if (Key.of(permission).equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<Permission> collapse(List<Permission> permissions) {
        Objects.requireNonNull(permissions, "permissions");
        return List.copyOf(byKey(permissions).values());
    }

    private static Map<Key, Permission> byKey(List<Permission> permissions) {
        Map<Key, Permission> byKey = new LinkedHashMap<>();
        for (Permission permission : permissions) {
            Objects.requireNonNull(permission, "permission");
            // put keeps the first one's position and takes the later value
            byKey.put(Key.of(permission), permission);
        }
        return byKey;
    }

    /** What grants compare: kind and scope. */
    private record Key(PermissionKind kind, String scope) {
        static Key of(Permission permission) {
            return new Key(permission.kind(), permission.scope());
        }

        // written out, as PluginId's are: the generated ones spin classes at first use in every process
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && kind == key.kind && java.util.Objects.equals(scope, key.scope);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(kind) + java.util.Objects.hashCode(scope);
        }
    }
}
