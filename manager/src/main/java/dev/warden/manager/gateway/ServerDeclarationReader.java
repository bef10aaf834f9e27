package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.RealPaths;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the external MCP servers an installed plugin declares: the root {@code .mcp.json} of its folder and the
 * manifest's {@code mcpServers} (the servers by name, that object wrapped as {@code {"mcpServers": {...}}}, a path
 * to such a file inside the plugin, or a list of those), the forms Claude Code accepts and the update review
 * compares. What cannot be read is a problem of that server or file, never of the other servers.
 */
public final class ServerDeclarationReader {

    static final String MCP_FILE = ".mcp.json";
    private static final String FIELD = "mcpServers";
    private static final long MAX_FILE_BYTES = 1024 * 1024;

    /**
     * @param servers  the servers found, in the order declared, each name once
     * @param problems what could not be read, in words for the person
     */
    public record Found(List<ServerDeclaration> servers, List<String> problems) {
    }

    private final Path folder;
    private final Map<String, ServerDeclaration> servers = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private ServerDeclarationReader(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** @param folder the installed version's folder */
    public static Found read(PluginManifest manifest, Path folder) {
        ServerDeclarationReader reader = new ServerDeclarationReader(folder);
        reader.file(MCP_FILE);
        manifest.claudeField(FIELD).ifPresent(reader::manifestField);
        return new Found(List.copyOf(reader.servers.values()), List.copyOf(reader.problems));
    }

    private void manifestField(String raw) {
        JsonNode value;
        try {
            value = StrictJson.standard().read(raw);
        } catch (StrictJsonException e) {
            problems.add("plugin.json mcpServers is not JSON: " + e.problem().describe());
            return;
        }
        List<JsonNode> parts = value.isArray() ? value.valueStream().toList() : List.of(value);
        for (JsonNode part : parts) {
            if (part.isString()) {
                if (!isRootFile(part.stringValue())) {
                    file(part.stringValue());
                }
            } else {
                servers(part, "plugin.json mcpServers");
            }
        }
    }

    private boolean isRootFile(String path) {
        try {
            return folder.resolve(path).normalize().equals(folder.resolve(MCP_FILE).normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private void file(String relative) {
        String shown = UnsafeCharacters.escape(relative);
        Path file;
        try {
            file = folder.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            problems.add("mcpServers names " + shown + ", which is not a path");
            return;
        }
        if (!RealPaths.isInside(file, folder) || Path.of(relative).isAbsolute()) {
            problems.add("mcpServers names " + shown + ", which is outside the plugin's folder");
            return;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!relative.equals(MCP_FILE)) {
                problems.add("mcpServers names " + shown + ", which the plugin does not contain");
            }
            return;
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_FILE_BYTES) {
                problems.add(shown + " is not a regular file of at most " + MAX_FILE_BYTES + " bytes");
                return;
            }
            servers(StrictJson.standard().read(Files.readAllBytes(file)), shown);
        } catch (StrictJsonException e) {
            problems.add(shown + " is not JSON: " + e.problem().describe());
        } catch (IOException e) {
            problems.add(shown + " cannot be read: " + e.getMessage());
        }
    }

    private void servers(JsonNode node, String where) {
        JsonNode byName = node.isObject() && node.size() == 1 && node.path(FIELD).isObject() ? node.get(FIELD) : node;
        if (!byName.isObject()) {
            problems.add(where + " must be a JSON object of MCP servers by name");
            return;
        }
        for (Map.Entry<String, JsonNode> server : byName.properties()) {
            String name = server.getKey();
            if (servers.containsKey(name)) {
                problems.add("the MCP server '" + UnsafeCharacters.escape(name) + "' is declared twice; the one in "
                        + servers.get(name).where() + " is used");
                continue;
            }
            try {
                servers.put(name, server(name, server.getValue(), where));
            } catch (IllegalArgumentException e) {
                problems.add("the MCP server '" + UnsafeCharacters.escape(name) + "' in " + where + " " + e.getMessage());
            }
        }
    }

    private static ServerDeclaration server(String name, JsonNode server, String where) {
        if (!server.isObject()) {
            throw new IllegalArgumentException("must be an object with a command or a url");
        }
        String type = server.path("type").isString() ? server.get("type").stringValue() : "";
        if (server.has("command") && (type.isEmpty() || type.equals("stdio"))) {
            JsonNode command = server.get("command");
            if (!command.isString() || command.stringValue().isBlank()) {
                throw new IllegalArgumentException("has a command that is not a non-empty string");
            }
            return new ServerDeclaration(name, Optional.of(command.stringValue()), strings(server.get("args")),
                    strings("env", server.get("env")), Optional.empty(), where, Map.of());
        }
        if (server.path("url").isString() && !type.equals("stdio")) {
            return new ServerDeclaration(name, Optional.empty(), List.of(), Map.of(), Optional.of(server.get("url").stringValue()),
                    where, strings("headers", server.get("headers")),
                    type.equals(ServerDeclaration.LEGACY_SSE) ? ServerDeclaration.LEGACY_SSE : ServerDeclaration.STREAMABLE_HTTP);
        }
        throw new IllegalArgumentException("has neither a stdio command nor a url");
    }

    private static List<String> strings(JsonNode args) {
        if (args == null || args.isNull()) {
            return List.of();
        }
        if (!args.isArray() || args.valueStream().anyMatch(a -> !a.isString())) {
            throw new IllegalArgumentException("has args that are not an array of strings");
        }
        return args.valueStream().map(JsonNode::stringValue).toList();
    }

    private static Map<String, String> strings(String field, JsonNode env) {
        if (env == null || env.isNull()) {
            return Map.of();
        }
        if (!env.isObject() || env.valueStream().anyMatch(v -> !v.isString())) {
            throw new IllegalArgumentException("has " + field + " that is not an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        env.properties().forEach(e -> values.put(e.getKey(), e.getValue().stringValue()));
        return values;
    }
}
