package dev.warden.manager.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds a plugin source folder (plugin.json, skills, extra files) in a temporary directory. */
public final class PluginSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String publisher;
    private final String name;
    private String version = "1.0.0";
    private String description;
    private final List<String> keywords = new ArrayList<>();
    private final List<String> permissions = new ArrayList<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<String> connectors = new ArrayList<>();
    private String pluginClass;
    /** Claude Code fields (hooks, lspServers, monitors...) by name, as raw JSON. */
    private final Map<String, String> claudeFields = new LinkedHashMap<>();

    private PluginSource(String publisher, String name) {
        this.publisher = publisher;
        this.name = name;
    }

    public static PluginSource plugin(String publisher, String name) {
        return new PluginSource(publisher, name);
    }

    public PluginSource version(String version) {
        this.version = version;
        return this;
    }

    public PluginSource description(String description) {
        this.description = description;
        return this;
    }

    public PluginSource keywords(String... words) {
        keywords.addAll(List.of(words));
        return this;
    }

    public PluginSource permission(String kind, String scope, String reason) {
        permissions.add("{\"kind\":\"" + kind + "\",\"scope\":\"" + scope + "\",\"reason\":\"" + reason + "\"}");
        return this;
    }

    public PluginSource optionalPermission(String kind, String scope, String reason) {
        permissions.add("{\"kind\":\"" + kind + "\",\"scope\":\"" + scope + "\",\"reason\":\"" + reason
                + "\",\"optional\":true}");
        return this;
    }

    /** A declared tool; the description is JSON-escaped here, so it may hold anything. */
    public PluginSource connector(String toolName, String description) {
        return connector(toolName, description, "{\"type\":\"object\"}");
    }

    /** A declared tool with its input schema, given as JSON. */
    public PluginSource connector(String toolName, String description, String inputSchemaJson) {
        connectors.add("{\"name\":\"" + toolName + "\",\"description\":" + quoted(description)
                + ",\"inputSchema\":" + inputSchemaJson + "}");
        return this;
    }

    /** The class implementing {@code dev.warden.api.WardenPlugin}. */
    public PluginSource pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** {@code s} as a JSON string, quotes included. */
    private static String quoted(String s) {
        return JSON.writeValueAsString(s);
    }

    /** A Claude Code field of the manifest ({@code hooks}, {@code lspServers}, {@code mcpServers}...), as raw JSON. */
    public PluginSource claudeField(String field, String rawJson) {
        claudeFields.put(field, rawJson);
        return this;
    }

    public PluginSource skill(String skillName, String description, String body) {
        files.put("skills/" + skillName + "/SKILL.md",
                "---\nname: " + skillName + "\ndescription: " + description + "\n---\n\n" + body + "\n");
        return this;
    }

    public PluginSource file(String path, String content) {
        files.put(path, content);
        return this;
    }

    /** A {@code .mcp.json} that declares one MCP server, started as {@code command args} with {@code env}. */
    public PluginSource mcpServer(String name, String command, List<String> args, Map<String, String> env) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode mcp = mapper.createObjectNode();
        ObjectNode server = mcp.putObject("mcpServers").putObject(name);
        server.put("command", command);
        args.forEach(server.putArray("args")::add);
        env.forEach(server.putObject("env")::put);
        return file(".mcp.json", mapper.writeValueAsString(mcp));
    }

    public String manifest() {
        return "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\",\n  \"publisher\": \"" + publisher
                + "\",\n  \"description\": " + quoted(description == null ? "Test plugin " + name : description)
                + ",\n" + (pluginClass == null ? "" : "  \"pluginClass\": \"" + pluginClass + "\",\n")
                + "  \"keywords\": [" + String.join(",", keywords.stream().map(PluginSource::quoted).toList())
                + "],\n  \"permissions\": [" + String.join(",", permissions)
                + "]" + (connectors.isEmpty() ? "" : ",\n  \"connectors\": [" + String.join(",", connectors) + "]")
                + (files.keySet().stream().anyMatch(p -> p.startsWith("skills/")) ? ",\n  \"skills\": \"./skills/\"" : "")
                + String.join("", claudeFields.entrySet().stream().map(f -> ",\n  \"" + f.getKey() + "\": " + f.getValue()).toList())
                + "\n}\n";
    }

    /** Writes the folder at {@code dir} and returns it. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plugin.json"), manifest(), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
