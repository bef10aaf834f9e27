package dev.warden.registry.tuf;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads every delegated role reachable from the top-level targets, whatever paths they cover, so that
 * a marketplace can list all its targets: depth first in the order listed, each role once, and only
 * roles the snapshot lists (a publisher's role before its first publish has no metadata yet). Which role a target really belongs to is decided afterwards by
 * {@link TargetSearch}, so a role listing paths outside its delegation gains nothing by being loaded.
 */
final class DelegationWalk {

    private DelegationWalk() {
    }

    /**
     * @throws TufException {@link TufException.Kind#TOO_LARGE} past {@code maxRoles} roles, or any failure of
     *                      a role's checks
     */
    static Map<String, TargetsMetadata> loadAll(TargetsMetadata top, SnapshotMetadata snapshot, DelegatedRoleLoader loader,
                                                int maxRoles) throws TufException, IOException {
        Deque<TargetsMetadata> pending = new ArrayDeque<>();
        pending.push(top);
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            TargetsMetadata metadata = pending.pop();
            if (metadata.delegations().isEmpty()) {
                continue;
            }
            Delegations delegations = metadata.delegations().get();
            Deque<TargetsMetadata> children = new ArrayDeque<>();
            for (DelegatedRole role : delegations.succinct().isPresent()
                    ? bins(delegations.succinct().get(), snapshot) : delegations.roles()) {
                if (!seen.add(role.name()) || snapshot.metaFor(role.name()).isEmpty()) {
                    continue; // a role nothing was published to yet lists no targets
                }
                if (seen.size() > maxRoles) {
                    throw new TufException(TufException.Kind.TOO_LARGE, "the repository delegates to more than "
                            + maxRoles + " roles (at " + role.name() + " in " + metadata.envelope().file()
                            + "); " + Messages.ATTACK_ADVICE);
                }
                children.push(loader.load(role, delegations, metadata.envelope().file()));
            }
            while (!children.isEmpty()) {
                pending.push(children.pop()); // so that the first listed is walked first
            }
        }
        return loader.loaded();
    }

    private static java.util.List<DelegatedRole> bins(SuccinctRoles bins, SnapshotMetadata snapshot) {
        java.util.List<DelegatedRole> out = new java.util.ArrayList<>();
        String prefix = bins.namePrefix() + "-";
        int digits = (bins.bitLength() + 3) / 4;
        for (String file : snapshot.meta().keySet()) {
            if (!file.startsWith(prefix) || !file.endsWith(".json")) {
                continue;
            }
            String suffix = file.substring(prefix.length(), file.length() - ".json".length());
            if (suffix.length() == digits && suffix.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')
                    && Long.parseLong(suffix, 16) < (1L << bins.bitLength())) {
                out.add(new DelegatedRole(prefix + suffix, bins.keys(), true, java.util.List.of(), java.util.List.of()));
            }
        }
        return out;
    }
}
