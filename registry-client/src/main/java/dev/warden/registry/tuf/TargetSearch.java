package dev.warden.registry.tuf;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the entry for one target path as the TUF workflow does (specification §5.7.3): a pre-order
 * depth-first search from the top-level targets through the roles that cover the path, in the order
 * each delegator lists them. A terminating role ends the search of every other branch; a role already
 * visited from the same delegator is skipped (cycles); at most a fixed number of roles is visited.
 */
final class TargetSearch {

    /** Gives the metadata of a delegated role, or empty to skip it (a view of roles loaded earlier). */
    @FunctionalInterface
    interface Roles {
        Optional<TargetsMetadata> load(DelegatedRole role, Delegations from, String delegator)
                throws TufException, IOException;
    }

    /** The role that lists the target, and its entry there. */
    record Found(String roleName, TargetEntry entry) {
    }

    private record Step(String name, String parent, DelegatedRole role, Delegations from, String delegator) {
    }

    private TargetSearch() {
    }

    static Optional<Found> find(TargetsMetadata top, String targetPath, Roles roles, int maxRoles)
            throws TufException, IOException {
        Deque<Step> stack = new ArrayDeque<>();
        stack.push(new Step(Role.TARGETS, Role.ROOT, null, null, null));
        Set<String> visited = new HashSet<>();
        int budget = maxRoles;
        while (budget > 0 && !stack.isEmpty()) {
            Step step = stack.pop();
            String edge = step.name() + "\u0000" + step.parent();
            if (visited.contains(edge)) {
                continue;
            }
            TargetsMetadata metadata = step.role() == null ? top
                    : roles.load(step.role(), step.from(), step.delegator()).orElse(null);
            if (metadata == null) {
                continue;
            }
            TargetEntry entry = metadata.targets().get(targetPath);
            if (entry != null) {
                return Optional.of(new Found(step.name(), entry));
            }
            visited.add(edge);
            budget--;
            if (metadata.delegations().isPresent()) {
                Delegations delegations = metadata.delegations().get();
                List<DelegatedRole> children = delegations.rolesFor(targetPath);
                if (!children.isEmpty() && children.get(children.size() - 1).terminating()) {
                    stack.clear();
                }
                for (int i = children.size() - 1; i >= 0; i--) {
                    DelegatedRole child = children.get(i);
                    stack.push(new Step(child.name(), step.name(), child, delegations, metadata.envelope().file()));
                }
            }
        }
        return Optional.empty();
    }
}
