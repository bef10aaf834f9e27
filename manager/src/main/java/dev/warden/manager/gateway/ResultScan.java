package dev.warden.manager.gateway;

import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.scan.Finding;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last step of every tool call through the gateway, for a plugin's own tools and its external servers' alike: the
 * result is scanned like a skill ({@link ToolResults}), and what the scan finds is audited as
 * {@code tool.result.flagged} and added to the result's {@code _meta}.
 */
final class ResultScan {

    private final Lifecycle lifecycle;
    private final McpJsonMapper json;
    private final Consumer<String> report;

    ResultScan(Lifecycle lifecycle, McpJsonMapper json, Consumer<String> report) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.report = report;
    }

    /**
     * @param name the tool's gateway name
     * @param tool the plugin's own name of the tool
     * @return the plugin's result as an MCP result, flagged
     */
    CallToolResult of(PluginId plugin, String name, String tool, ToolResult result) {
        return flagged(plugin, tool, Optional.empty(), ToolResults.toMcp(result), ToolResults.scan(name, result));
    }

    /**
     * @param name   the tool's gateway name
     * @param tool   the server's name of the tool
     * @param server the server that answered
     * @return the server's result unchanged, flagged
     */
    CallToolResult of(PluginId plugin, String name, String tool, String server, CallToolResult result) {
        return flagged(plugin, tool, Optional.of(server), result, ToolResults.scan(name, result, json));
    }

    private CallToolResult flagged(PluginId plugin, String tool, Optional<String> server, CallToolResult result,
                                   List<Finding> findings) {
        if (!findings.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("tool", tool);
            server.ifPresent(s -> details.put("server", s));
            details.put("findings", findings.stream().map(Finding::message).toList());
            try {
                lifecycle.record(AuditEvent.TOOL_RESULT_FLAGGED, Optional.of(plugin), details);
            } catch (StateException e) {
                report.accept("warden: could not write the audit log: " + e.getMessage());
            }
        }
        return ToolResults.flagged(result, findings);
    }
}
