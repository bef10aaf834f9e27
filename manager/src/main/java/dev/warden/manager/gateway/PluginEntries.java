package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.FrontMatter;
import dev.warden.manager.review.PluginContents;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one running plugin shows through the gateway: its declared tools, its skills, commands and sub-agents as
 * prompts (named as the review names them: the front matter's {@code name}, else the file or folder name),
 * and its skill files as resources. Values only; the gateway attaches the handlers.
 *
 * @param tools     gateway tool name → the MCP tool and the plugin's own tool name
 * @param prompts   gateway prompt name → the prompt and the text it gives
 * @param resources URI → the resource and its file
 */
record PluginEntries(PluginId plugin, Map<String, ToolEntry> tools, Map<String, PromptEntry> prompts,
                     Map<String, ResourceEntry> resources) {

    /** Skill, command and agent files larger than this are not served. */
    static final int MAX_TEXT_BYTES = 256 * 1024;

    /**
     * @param pluginTool the plugin's own name of the tool, or the server's for a tool of an external MCP server
     * @param server     the external MCP server that serves the tool; empty for a declared connector
     */
    record ToolEntry(McpSchema.Tool tool, String pluginTool, Optional<String> server) {

        ToolEntry(McpSchema.Tool tool, String pluginTool) {
            this(tool, pluginTool, Optional.empty());
        }
    }

    record PromptEntry(McpSchema.Prompt prompt, String text) {
    }

    record ResourceEntry(McpSchema.Resource resource, Path file) {
    }

    /**
     * @param folder the installed version's folder
     */
    static PluginEntries of(PluginManifest manifest, Path folder, McpJsonMapper json) throws IOException {
        PluginId id = manifest.id();
        Map<String, ToolEntry> tools = new LinkedHashMap<>();
        for (ConnectorSpec connector : manifest.connectors()) {
            String name = GatewayNames.of(id, connector.name());
            McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(connector.name() + " (" + id + ")")
                    .description(connector.description()).inputSchema(json, connector.inputSchemaJson()).build();
            tools.put(name, new ToolEntry(tool, connector.name()));
        }
        Map<String, PromptEntry> prompts = new LinkedHashMap<>();
        Map<String, ResourceEntry> resources = new LinkedHashMap<>();
        // the review's reader finds the parts, so that what is served is what was reviewed, under the same names
        PluginContents contents = PluginContents.of(folder, manifest);
        for (PluginContents.Item skill : contents.skills()) {
            Optional<Path> file = fileOf(folder, skill);
            if (file.isEmpty()) {
                continue;
            }
            String text = read(file.get());
            String name = GatewayNames.of(id, skill.name());
            String description = skill.description().isEmpty() ? "Skill " + skill.name() + " of " + id : skill.description();
            prompts.putIfAbsent(name, new PromptEntry(new McpSchema.Prompt(name, skill.name() + " (" + id + ")", description,
                    List.of()), text));
            String uri = GatewayNames.resource(id, skill.path());
            resources.put(uri, new ResourceEntry(McpSchema.Resource.builder().uri(uri).name(name + "/" + "SKILL.md")
                    .description(description).mimeType("text/markdown").build(), file.get()));
        }
        for (PluginContents.Item command : contents.commands()) {
            Optional<Path> file = fileOf(folder, command);
            if (file.isEmpty()) {
                continue;
            }
            String name = GatewayNames.of(id, command.name());
            String description = command.description().isEmpty() ? "Command " + command.name() + " of " + id
                    : command.description();
            prompts.putIfAbsent(name, new PromptEntry(new McpSchema.Prompt(name, command.name() + " (command of " + id + ")",
                    description, List.of()), read(file.get())));
        }
        for (PluginContents.Item agent : contents.agents()) {
            Optional<Path> file = fileOf(folder, agent);
            if (file.isEmpty()) {
                continue;
            }
            String text = read(file.get());
            Map<String, String> front = FrontMatter.read(text).orElse(Map.of());
            String name = GatewayNames.of(id, agent.name());
            String description = agent.description().isEmpty() ? "Sub-agent " + agent.name() + " of " + id : agent.description();
            prompts.putIfAbsent(name, new PromptEntry(new McpSchema.Prompt(name, agent.name() + " (sub-agent of " + id + ")",
                    description, List.of()), subAgentText(id, agent.name(), front.get("tools"), tools.keySet(), text)));
        }
        return new PluginEntries(id, tools, prompts, resources);
    }

    /** @return these entries with {@code more} tools; a name already taken keeps its tool */
    PluginEntries withTools(Map<String, ToolEntry> more) {
        Map<String, ToolEntry> joined = new LinkedHashMap<>(tools);
        more.forEach(joined::putIfAbsent);
        return more.isEmpty() ? this : new PluginEntries(plugin, joined, prompts, resources);
    }

    /**
     * A sub-agent's prompt names the tools it may use: those its definition asks for that its own plugin serves
     * through the gateway, never more (THREATS: sub-agents never hold more than their plugin's grants).
     */
    static String subAgentText(PluginId plugin, String agent, String declaredTools, Iterable<String> pluginTools, String definition) {
        List<String> allowed = new ArrayList<>();
        List<String> asked = declaredTools == null ? List.of()
                : Arrays.stream(declaredTools.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String tool : pluginTools) {
            String local = tool.substring(tool.indexOf(GatewayNames.SEPARATOR) + GatewayNames.SEPARATOR.length());
            if (asked.isEmpty() || asked.contains(local) || asked.contains(tool)) {
                allowed.add(tool);
            }
        }
        String header = "You are the sub-agent '" + agent + "' of the plugin " + plugin + ". "
                + (allowed.isEmpty() ? "You may use no tools."
                        : "The only tools you may use are: " + String.join(", ", allowed) + ".")
                + " Every tool runs inside the permissions the person granted " + plugin + ".\n\n";
        return header + definition;
    }

    /**
     * The markdown file of a part inside the plugin folder; empty for a part its manifest declares inline, which has
     * no file to serve.
     */
    private static Optional<Path> fileOf(Path folder, PluginContents.Item item) {
        Path file = folder.resolve(item.path()).normalize();
        return file.startsWith(folder.normalize()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && file.toString().endsWith(".md") ? Optional.of(file) : Optional.empty();
    }

    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new IOException(file + " is larger than " + MAX_TEXT_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
