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
 * What installed plugins need of each other, as their manifests' {@code dependencies} say. Disabling or removing a
 * plugin is refused while an enabled plugin needs it, as Claude Code refuses it, with the commands that turn them off
 * in the order that works; enabling one enables the disabled plugins it needs.
 */
final class Dependents {

    private Dependents() {
    }

    /**
     * The installed plugins, disabled now, that {@code id} needs (directly or through them) and that are enabled with it,
     * as Claude Code enables a plugin's dependencies with it.
     *
     * @return them, each before what needs it; empty when every dependency is enabled already
     * @throws RefusalException if a dependency is not installed, or only outside the range asked for, or waits for review
     */
    static List<InstalledPlugin> disabledNeeds(Lifecycle lifecycle, WardenState state, PluginId id) throws Exception {
        List<InstalledPlugin> toEnable = new ArrayList<>();
        collect(lifecycle, state, state.plugin(id).orElseThrow(), toEnable, new ArrayList<>(List.of(id)));
        return toEnable;
    }

    private static void collect(Lifecycle lifecycle, WardenState state, InstalledPlugin plugin, List<InstalledPlugin> toEnable,
                                List<PluginId> seen) throws Exception {
        for (PluginDependency dependency : PluginDependency.declaredBy(lifecycle.installedManifest(plugin))) {
            List<InstalledPlugin> named = state.plugins().values().stream().filter(p -> dependency.names(p.id())).toList();
            List<InstalledPlugin> inRange = named.stream().filter(p -> dependency.range().isSatisfiedBy(p.version())).toList();
            if (inRange.stream().anyMatch(p -> p.status() == PluginStatus.ENABLED || seen.contains(p.id()))) {
                continue;
            }
            InstalledPlugin disabled = inRange.stream().filter(p -> p.status() == PluginStatus.DISABLED).findFirst()
                    .orElseThrow(() -> new RefusalException(plugin.id() + " needs " + dependency + ", which "
                            + (named.isEmpty() ? "is not installed; install it first ('warden install " + dependency.name()
                                    + dependency.marketplace().map(m -> "@" + m).orElse("") + "')"
                            : inRange.isEmpty() ? "is installed only outside that range (" + String.join(", ", named.stream()
                                    .map(p -> p.id() + " " + p.version()).toList()) + "); update it first"
                            : "waits for a review or is quarantined (" + inRange.get(0).id() + "); settle that first")
                            + ". Nothing was changed"));
            seen.add(disabled.id());
            collect(lifecycle, state, disabled, toEnable, seen);
            toEnable.add(disabled);
        }
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
