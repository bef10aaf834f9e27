package dev.warden.manager.gateway;

import dev.warden.api.manifest.PermissionKind;
import dev.warden.api.manifest.PluginId;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityAudit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The capability uses of one plugin's external MCP server that Warden sees (its connections through the egress
 * proxy), written to the audit log as the plugin's {@code capability} entries, in the form the plugin host writes its
 * own (kind, target, decision, detail), with the server's name. A use that cannot be written to the log does not
 * happen: the proxy drops the connection.
 */
final class ServerAuditTrail implements CapabilityAudit {

    static final String EVENT = "capability";

    private final Lifecycle lifecycle;
    private final PluginId plugin;
    private final String server;

    ServerAuditTrail(Lifecycle lifecycle, PluginId plugin, String server) {
        this.lifecycle = lifecycle;
        this.plugin = plugin;
        this.server = server;
    }

    @Override
    public void record(PermissionKind kind, String target, boolean allowed, String detail) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.id());
        details.put("target", target);
        details.put("decision", allowed ? "allowed" : "denied");
        details.put("detail", detail);
        details.put("server", server);
        try {
            lifecycle.record(EVENT, Optional.of(plugin), details);
        } catch (StateException e) {
            throw new IllegalStateException("Warden could not write the audit log, so the " + kind.id() + " use of the MCP"
                    + " server '" + server + "' was not carried out: " + e.getMessage(), e);
        }
    }
}
