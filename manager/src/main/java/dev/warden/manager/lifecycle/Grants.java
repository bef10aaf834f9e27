package dev.warden.manager.lifecycle;

import dev.warden.api.manifest.Permission;
import dev.warden.catalog.permissions.PermissionCoverage;
import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.state.GrantSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Grant arithmetic of DESIGN §4: effective = active ∩ requested ∩ not blocked by policy. */
public final class Grants {

    private Grants() {
    }

    /** The permissions a plugin may use now. */
    public static List<Permission> effective(GrantSet grants, Collection<Permission> requested, Policy policy) {
        List<Permission> effective = new ArrayList<>();
        for (Permission p : requested) {
            if (contains(grants.active(), p) && policy.refusesPermission(p).isEmpty()) {
                effective.add(p);
            }
        }
        return effective;
    }

    /** Grants compare on kind and scope; reasons and the optional flag may differ between versions. */
    public static boolean contains(Collection<Permission> set, Permission p) {
        return set.stream().anyMatch(q -> q.kind() == p.kind() && q.scope().equals(p.scope()));
    }

    public static List<Permission> union(Collection<Permission> a, Collection<Permission> b) {
        List<Permission> out = new ArrayList<>(a);
        for (Permission p : b) {
            if (!contains(out, p)) {
                out.add(p);
            }
        }
        return out;
    }

    public static List<Permission> without(Collection<Permission> set, Permission p) {
        return set.stream().filter(q -> !(q.kind() == p.kind() && q.scope().equals(p.scope()))).toList();
    }

    /** True when the granted set covers {@code p} exactly or by a wider scope. */
    public static boolean covered(Collection<Permission> granted, Permission p) {
        return PermissionCoverage.coveredByAny(granted, p);
    }

    static List<String> describe(Collection<Permission> permissions) {
        return permissions.stream().map(p -> p.kind().id() + " " + p.scope()).toList();
    }
}
