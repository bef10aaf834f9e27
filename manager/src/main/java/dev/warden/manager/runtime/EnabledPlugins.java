package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.StateStore;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Whether a plugin may act now, as the catalog says at the moment of asking: only an installed plugin
 * whose status is {@link PluginStatus#ENABLED}. The catalog is read at each question, so {@code warden
 * disable} and a quarantine reach a running host at once.
 */
public final class EnabledPlugins {

    private EnabledPlugins() {
    }

    /**
     * @return a predicate that reads {@code store} each time; it answers false, never throws, when the
     *         catalog cannot be read, because a plugin that might be disabled must not run
     */
    public static Predicate<PluginId> in(StateStore store) {
        Objects.requireNonNull(store, "store");
        return id -> {
            try {
                return store.read().plugin(id).map(p -> p.status() == PluginStatus.ENABLED).orElse(false);
            } catch (StateException e) {
                return false;
            }
        };
    }
}
