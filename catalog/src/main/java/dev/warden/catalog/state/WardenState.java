package dev.warden.catalog.state;

import dev.warden.catalog.manifest.PluginId;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything {@code catalog.json} and {@code grants.json} hold: the installed plugins and what was
 * granted to each. Immutable; both maps are sorted by {@code publisher/name} so output is stable.
 * Grants exist only for installed plugins, and empty grant sets are not kept.
 *
 * @param plugins the installed plugins by id
 * @param grants  the grants by plugin id; a plugin without an entry has nothing granted
 * @since 0.1
 */
public record WardenState(Map<PluginId, InstalledPlugin> plugins, Map<PluginId, GrantSet> grants) {

    private static final Comparator<PluginId> BY_ID = Comparator.comparing(PluginId::toString);
    private static final WardenState EMPTY = new WardenState(Map.of(), Map.of());

    /**
     * @throws NullPointerException     if a map, key or value is null
     * @throws IllegalArgumentException if a plugin is filed under another id, or grants name a plugin
     *                                  that is not installed
     */
    public WardenState {
        SortedMap<PluginId, InstalledPlugin> sortedPlugins = new TreeMap<>(BY_ID);
        plugins.forEach((id, plugin) -> {
            Objects.requireNonNull(id, "plugin id");
            Objects.requireNonNull(plugin, "plugin");
            if (!id.equals(plugin.id())) {
                throw new IllegalArgumentException("plugin " + plugin.id() + " is filed under " + id);
            }
            sortedPlugins.put(id, plugin);
        });
        SortedMap<PluginId, GrantSet> sortedGrants = new TreeMap<>(BY_ID);
        grants.forEach((id, grantSet) -> {
            Objects.requireNonNull(id, "plugin id");
            Objects.requireNonNull(grantSet, "grants");
            if (!sortedPlugins.containsKey(id)) {
                throw new IllegalArgumentException("grants name " + id + ", which is not installed");
            }
            if (!grantSet.isEmpty()) {
                sortedGrants.put(id, grantSet);
            }
        });
        plugins = Collections.unmodifiableSortedMap(sortedPlugins);
        grants = Collections.unmodifiableSortedMap(sortedGrants);
    }

    /** @return a state with nothing installed */
    public static WardenState empty() {
        return EMPTY;
    }

    /** @return the installed plugin, or empty if it is not installed */
    public Optional<InstalledPlugin> plugin(PluginId id) {
        return Optional.ofNullable(plugins.get(id));
    }

    /** @return what was granted to the plugin; {@link GrantSet#empty()} if nothing was or it is not installed */
    public GrantSet grants(PluginId id) {
        return grants.getOrDefault(id, GrantSet.empty());
    }

    /** @return a copy with the plugin added or replaced; its grants are kept */
    public WardenState withPlugin(InstalledPlugin plugin) {
        Map<PluginId, InstalledPlugin> next = new TreeMap<>(BY_ID);
        next.putAll(plugins);
        next.put(plugin.id(), plugin);
        return new WardenState(next, grants);
    }

    /**
     * @return a copy without the plugin and without its grants, so that installing it again asks again;
     *         this state if it is not installed
     */
    public WardenState withoutPlugin(PluginId id) {
        Map<PluginId, InstalledPlugin> nextPlugins = new TreeMap<>(BY_ID);
        nextPlugins.putAll(plugins);
        nextPlugins.remove(id);
        Map<PluginId, GrantSet> nextGrants = new TreeMap<>(BY_ID);
        nextGrants.putAll(grants);
        nextGrants.remove(id);
        return new WardenState(nextPlugins, nextGrants);
    }

    /**
     * @return a copy with the plugin's grants replaced ({@link GrantSet#empty()} removes them)
     * @throws IllegalArgumentException if the plugin is not installed: add it first
     */
    public WardenState withGrants(PluginId id, GrantSet grantSet) {
        Map<PluginId, GrantSet> next = new TreeMap<>(BY_ID);
        next.putAll(grants);
        next.put(id, grantSet);
        return new WardenState(plugins, next);
    }
}
