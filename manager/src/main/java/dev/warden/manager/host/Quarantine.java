package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Lifecycle;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Quarantines a plugin in the catalog (DESIGN 6.3: repeated denials quarantine the plugin): an enabled plugin
 * becomes {@code QUARANTINED}, so no host or gateway runs it until the person enables it again, and the reason is
 * in the audit log. Used for denials seen in a plugin's own code and in its external MCP servers alike.
 */
public final class Quarantine {

    private Quarantine() {
    }

    /**
     * Marks the plugin quarantined, if it is enabled, and audits why. If the catalog cannot be written, the plugin is
     * refused in this process regardless (its audit trail refuses every use), and the catalog catches up when it can.
     */
    public static void of(Lifecycle lifecycle, PluginId id, String reason) {
        try {
            lifecycle.change("quarantine " + id, state -> {
                Optional<InstalledPlugin> plugin = state.plugin(id);
                Map<String, String> details = Map.of("reason", reason);
                if (plugin.isPresent() && plugin.get().status() == PluginStatus.ENABLED) {
                    return Change.commit(state.withPlugin(plugin.get().withStatus(PluginStatus.QUARANTINED)),
                            AuditEvent.QUARANTINE, Optional.of(id), details, id);
                }
                return Change.audited(AuditEvent.QUARANTINE, Optional.of(id), details, id);
            });
        } catch (StateException | IOException e) {
            // see above
        }
    }
}
