package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Lifecycle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes the audit entry of one tool call, {@code tool.call}: the only place it is written, for a plugin's own tools
 * and for its external MCP servers' tools alike.
 */
public final class ToolCallLog {

    private ToolCallLog() {
    }

    /**
     * @param tool         the plugin's (or the server's) own name of the tool
     * @param server       the external MCP server that served it; empty for the plugin's own code
     * @param outcome      how the call ended: {@code ok}, {@code error}, {@code denied}, {@code failed},
     *                     {@code abandoned} or {@code refused}
     * @param startedNanos {@link System#nanoTime()} when the call was made
     * @throws StateException if the audit log cannot be written
     */
    public static void record(Lifecycle lifecycle, PluginId plugin, String tool, Optional<String> server, String outcome,
                              long startedNanos) throws StateException {
        record(lifecycle, plugin, tool, server, outcome, startedNanos, System.nanoTime());
    }

    /**
     * As {@link #record(Lifecycle, PluginId, String, Optional, String, long)}, for an entry written after the call
     * ended.
     *
     * @param endedNanos {@link System#nanoTime()} when the call ended
     */
    public static void record(Lifecycle lifecycle, PluginId plugin, String tool, Optional<String> server, String outcome,
                              long startedNanos, long endedNanos) throws StateException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tool", tool);
        server.ifPresent(s -> details.put("server", s));
        details.put("outcome", outcome);
        details.put("millis", TimeUnit.NANOSECONDS.toMillis(endedNanos - startedNanos));
        lifecycle.record(AuditEvent.TOOL_CALL, Optional.of(plugin), details);
    }
}
