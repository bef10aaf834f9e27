package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.WardenState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The enabled plugins that need an installed one, directly or through others, as their manifests' {@code dependencies}
 * say. Disabling or removing a plugin is refused while one of them is enabled, as Claude Code refuses it, with the
 * commands that turn them off in the order that works.
 */
final class Dependents {

    private Dependents() {
    }

    /**
     * @param verb {@code disable} or {@code remove}
     * @throws RefusalException naming the enabled plugins that need {@code id}, what they declare, and what to run
     */
    static void refuseWhileNeeded(Lifecycle lifecycle, WardenState state, PluginId id, String verb) throws RefusalException {
        Map<PluginId, List<PluginDependency>> declared = new LinkedHashMap<>();
        for (InstalledPlugin plugin : state.plugins().values()) {
            if (plugin.status() != PluginStatus.ENABLED) {
                continue;
            }
            try {
                declared.put(plugin.id(), PluginDependency.declaredBy(lifecycle.installedManifest(plugin.id(), plugin.version())));
            } catch (StateException e) {
                // a plugin whose manifest cannot be read does not run, so it needs nothing
            }
        }
        List<String> direct = new ArrayList<>();
        declared.forEach((dependent, dependencies) -> dependencies.stream().filter(d -> d.names(id))
                .filter(d -> !dependent.equals(id)).forEach(d -> direct.add(dependent + " (which depends on " + d + ")")));
        if (direct.isEmpty()) {
            return;
        }
        // everyone that needs id, through any path, then ordered so that each goes before what it needs
        Set<PluginId> needing = new LinkedHashSet<>();
        List<PluginId> frontier = new ArrayList<>(List.of(id));
        while (!frontier.isEmpty()) {
            PluginId needed = frontier.remove(0);
            declared.forEach((dependent, dependencies) -> {
                if (!dependent.equals(id) && dependencies.stream().anyMatch(d -> d.names(needed)) && needing.add(dependent)) {
                    frontier.add(dependent);
                }
            });
        }
        List<PluginId> order = new ArrayList<>();
        Set<PluginId> left = new LinkedHashSet<>(needing);
        while (!left.isEmpty()) {
            PluginId next = left.stream().filter(candidate -> left.stream().noneMatch(other -> !other.equals(candidate)
                    && declared.get(other).stream().anyMatch(d -> d.names(candidate)))).findFirst().orElse(left.iterator().next());
            order.add(next);
            left.remove(next);
        }
        List<String> commands = new ArrayList<>();
        order.forEach(p -> commands.add("warden " + verb + " " + p));
        commands.add("warden " + verb + " " + id);
        throw new RefusalException("cannot " + verb + " " + id + ": it is needed by " + String.join(", ", direct)
                + (needing.size() > direct.size() ? " and, through it, by " + needing.size() + " enabled plugins in all" : "")
                + ", still enabled. " + (verb.equals("disable") ? "Disable" : "Remove or disable") + " "
                + (order.size() == 1 ? "that plugin" : "those plugins") + " first, or " + verb + " them all in this order: "
                + String.join(" && ", commands) + ". Nothing was changed");
    }
}
