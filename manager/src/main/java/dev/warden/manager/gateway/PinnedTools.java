package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.StateException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.ToolPins;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns the tools an external MCP server shows into the gateway's entries for them, as the pins allow (DESIGN
 * 6.4): a tool the person approved is offered under its plugin's name; one that changed, or appeared, since is
 * registered but held: not listed ({@link #isListed}), and a call to it is refused with the reason. A tool whose
 * name or input schema cannot be shown is not offered at all.
 */
final class PinnedTools {

    /** The {@code _meta} key that marks a registered tool held for review. */
    static final String HELD = "warden/held";
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Lifecycle lifecycle;
    private final ToolPins pins;
    private final McpJsonMapper json;
    private final Consumer<String> report;
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    /** @param report where the person is told about tools that are not offered, once each */
    PinnedTools(Lifecycle lifecycle, McpJsonMapper json, Consumer<String> report) {
        this.lifecycle = lifecycle;
        this.pins = new ToolPins(lifecycle.store().home());
        this.json = json;
        this.report = report;
    }

    /** @return whether a registered tool is shown in {@code tools/list}: false for a tool held for review */
    static boolean isListed(McpSchema.Tool tool) {
        return tool.meta() == null || !Boolean.TRUE.equals(tool.meta().get(HELD));
    }

    /** @return the file the pins are kept in, so that a change by {@code warden review} can be noticed */
    Path file() {
        return pins.file();
    }

    /**
     * Compares what a server shows with the pins, under Warden's state lock, pinning a server's first list.
     *
     * @return gateway tool name → entry, held tools marked; all held if the pins cannot be checked
     */
    Map<String, PluginEntries.ToolEntry> entries(PluginId plugin, String server, List<McpSchema.Tool> seen) {
        String whose = plugin + "'s MCP server '" + UnsafeCharacters.escape(server) + "'";
        Map<String, McpSchema.Tool> valid = new LinkedHashMap<>();
        Map<String, ToolPins.Pin> shown = new LinkedHashMap<>();
        for (McpSchema.Tool tool : seen) {
            if (tool.name() == null || !TOOL_NAME.matcher(tool.name()).matches()) {
                tellOnce(whose + " offers a tool named '" + UnsafeCharacters.escape(String.valueOf(tool.name()))
                        + "', which is not offered: a tool name is 1 to 64 letters, digits, '_', '-' or '.'");
                continue;
            }
            try {
                shown.put(tool.name(), ToolPins.Pin.of(tool.title(), tool.description(),
                        json.writeValueAsString(tool.inputSchema() == null ? Map.of() : tool.inputSchema())));
                valid.put(tool.name(), tool);
            } catch (IOException | IllegalArgumentException e) {
                tellOnce("the tool '" + tool.name() + "' of " + whose + " is not offered: its input schema cannot be read");
            }
        }
        Map<String, Boolean> offered;
        try {
            offered = lifecycle.change("pin the tools of " + plugin, state -> Change.none(pins.admit(plugin, server, shown)));
        } catch (StateException | IOException e) {
            report.accept("warden: the tools of " + whose + " are held: the pins cannot be checked: " + e.getMessage());
            offered = Map.of();
        }
        Map<String, PluginEntries.ToolEntry> entries = new LinkedHashMap<>();
        for (McpSchema.Tool tool : valid.values()) {
            boolean held = !offered.getOrDefault(tool.name(), false);
            String name = GatewayNames.of(plugin, tool.name());
            McpSchema.Tool served = McpSchema.Tool.builder().name(name)
                    .title((tool.title() == null ? tool.name() : tool.title()) + " (" + plugin + ")")
                    .description(tool.description())
                    .inputSchema(tool.inputSchema() == null ? Map.of("type", "object") : tool.inputSchema())
                    .meta(held ? Map.of(HELD, true) : null).build();
            entries.put(name, new PluginEntries.ToolEntry(served, tool.name(), Optional.of(server)));
            if (held) {
                tellOnce("the tool '" + tool.name() + "' of " + whose + " changed, or appeared, since you approved the"
                        + " plugin; it is not offered until you run 'warden review " + plugin + "'");
            }
        }
        return Map.copyOf(entries);
    }

    /** Tells the person {@code message} unless this gateway told it before. */
    void tellOnce(String message) {
        if (told.add(message)) {
            report.accept("warden: " + message);
        }
    }
}
