package dev.warden.catalog.permissions;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Compares two {@code mcpServers} values structurally (key order and whitespace do not matter, every
 * other difference does). Both Claude Code forms are read: the servers by name, or that object
 * wrapped as {@code {"mcpServers": {...}}}; a plugin moving from one form to the other with the same
 * servers changes nothing. A path or list of paths is compared as a whole.
 */
final class McpServers {

    static final String FIELD = "mcpServers";


    /**
     * Starting or changing a server runs a program or reaches a host the person has not seen: at
     * least this, more where the risk table rates its command or URL higher ({@code npx}, a shell).
     */
    private static final Risk SERVER_RISK = Risk.HIGH;

    private McpServers() {
    }

    static List<PermissionChange> diff(Optional<String> before, Optional<String> after) {
        Optional<JsonNode> old = before.map(McpServers::read).map(McpServers::unwrap);
        Optional<JsonNode> now = after.map(McpServers::read).map(McpServers::unwrap);
        boolean oldServers = old.isEmpty() || old.get().isObject();
        boolean newServers = now.isEmpty() || now.get().isObject();
        if (oldServers && newServers) {
            return diffServers(servers(old), servers(now));
        }
        if (old.equals(now)) {
            return List.of();
        }
        if (now.isEmpty()) {
            return List.of(change(FIELD, "no longer declares mcpServers (was " + old.get() + ")", false));
        }
        String was = old.map(node -> " (was " + node + ")").orElse("");
        return List.of(change(FIELD, "mcpServers is now " + now.get() + was, true));
    }

    private static List<PermissionChange> diffServers(Map<String, JsonNode> old, Map<String, JsonNode> now) {
        List<PermissionChange> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> server : now.entrySet()) {
            JsonNode previous = old.get(server.getKey());
            String name = UnsafeCharacters.quote(server.getKey());
            if (previous == null) {
                changes.add(change(server.getKey(), "adds the MCP server " + name + ": " + server.getValue(),
                        risk(server.getValue())));
            } else if (!previous.equals(server.getValue())) {
                changes.add(change(server.getKey(), "changes the MCP server " + name + " from " + previous
                        + " to " + server.getValue(), risk(server.getValue())));
            }
        }
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                changes.add(change(name, "removes the MCP server " + UnsafeCharacters.quote(name), false));
            }
        }
        return changes;
    }

    private static PermissionChange change(String subject, String description, boolean needsConsent) {
        return change(subject, description, needsConsent ? SERVER_RISK : Risk.NONE);
    }

    private static PermissionChange change(String subject, String description, Risk risk) {
        return new PermissionChange(ChangeKind.MCP_SERVERS_CHANGED, subject, description, risk,
                risk != Risk.NONE, Optional.empty());
    }

    /** The risk table's rating of the server's URL or command line, and never below {@link #SERVER_RISK}. */
    static Risk risk(JsonNode server) {
        String scope;
        if (server.isObject() && server.path("url").isString()) {
            scope = server.get("url").asString();
        } else if (server.isObject() && server.path("command").isString()) {
            StringBuilder line = new StringBuilder("stdio:").append(server.get("command").asString());
            server.path("args").forEach(arg -> line.append(' ').append(arg.asString()));
            scope = line.toString();
        } else {
            return SERVER_RISK;
        }
        try {
            return SERVER_RISK.max(PermissionKind.MCP_SERVER.riskOf(scope));
        } catch (IllegalArgumentException e) {
            // a command the mcp.server grammar cannot read (a relative path, a variable): the review shows it as written
            return SERVER_RISK;
        }
    }

    private static Map<String, JsonNode> servers(Optional<JsonNode> node) {
        Map<String, JsonNode> servers = new LinkedHashMap<>();
        node.ifPresent(n -> n.properties().forEach(e -> servers.put(e.getKey(), e.getValue())));
        return servers;
    }

    private static JsonNode unwrap(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has(FIELD) && node.get(FIELD).isObject()) {
            return node.get(FIELD);
        }
        return node;
    }

    private static JsonNode read(String json) {
        try {
            return StrictJson.standard().read(json);
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException("mcpServers is not valid JSON: " + e.problem().describe(), e);
        }
    }
}
