package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.Permission;
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
            if (grants.isActive(p) && policy.refusesPermission(p).isEmpty()) {
                effective.add(p);
            }
        }
        return effective;
    }

    /** Permissions compare on kind and scope; reasons and the optional flag may differ between versions. */
    public static boolean contains(Collection<Permission> set, Permission p) {
        return set.stream().anyMatch(q -> q.kind() == p.kind() && q.scope().equals(p.scope()));
    }

    static List<String> describe(Collection<Permission> permissions) {
        return permissions.stream().map(p -> p.kind().id() + " " + p.scope()).toList();
    }
}
