package dev.warden.manager.imports;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.io.UnsafeCharacters;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Derives Warden permissions from a Claude plugin's MCP servers, read the way the update review
 * reads them ({@code .mcp.json} at the root and the manifest's {@code mcpServers}, each either the
 * servers by name or that object wrapped as {@code {"mcpServers": {...}}}). A stdio server needs
 * {@code mcp.server stdio:<command line>} and, when its program has a fixed absolute path, the
 * {@code process.exec} of that program; a remote server needs {@code mcp.server <url>} and the
 * {@code net.egress} of its origin. Environment variables a server references ask for nothing.
 */
final class ClaudeServerPermissions {

    static final String MCP_FILE = ".mcp.json";
    private static final String PLUGIN_ROOT = "${CLAUDE_PLUGIN_ROOT}";

    private final Path root;
    private final String pathVariable;
    /** kind + " " + scope → the servers that need it, in order of first appearance. */
    private final Map<String, List<String>> needs = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param root         the plugin folder
     * @param pathVariable the {@code PATH} to resolve bare command names on, as the environment gives it
     */
    ClaudeServerPermissions(Path root, String pathVariable) {
        this.root = root;
        this.pathVariable = pathVariable == null ? "" : pathVariable;
    }

    /** Reads the root {@code .mcp.json}, if there is one, and the manifest's {@code mcpServers}. */
    void readAll(Optional<JsonNode> manifestServers) throws ClaudeImportException {
        Path file = root.resolve(MCP_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            servers(ClaudeJson.read(root, file), MCP_FILE);
        }
        if (manifestServers.isPresent()) {
            JsonNode value = manifestServers.get();
            if (value.isString()) {
                serverFile(value.stringValue());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isString()) {
                        serverFile(item.stringValue());
                    } else {
                        servers(item, "plugin.json mcpServers");
                    }
                }
            } else {
                servers(value, "plugin.json mcpServers");
            }
        }
    }

    private void serverFile(String path) throws ClaudeImportException {
        Path file = ClaudePluginImport.inside(root, path, "mcpServers");
        if (file.normalize().equals(root.resolve(MCP_FILE).normalize())) {
            return; // already read
        }
        servers(ClaudeJson.read(root, file), ClaudeJson.relative(root, file));
    }

    private void servers(JsonNode node, String where) throws ClaudeImportException {
        if (!node.isObject()) {
            throw new ClaudeImportException(where + " must be a JSON object of MCP servers by name");
        }
        JsonNode servers = node;
        if (node.size() == 1 && node.has("mcpServers") && node.get("mcpServers").isObject()) {
            servers = node.get("mcpServers");
        }
        for (Map.Entry<String, JsonNode> server : servers.properties()) {
            server(server.getKey(), server.getValue(), where);
        }
    }

    private void server(String name, JsonNode server, String where) throws ClaudeImportException {
        String quoted = UnsafeCharacters.quote(name).replace('"', '\'');
        String label = "the MCP server " + quoted + " declared in " + where;
        if (!server.isObject()) {
            throw new ClaudeImportException(label + " must be an object with a command or a url");
        }
        String type = server.has("type") && server.get("type").isString() ? server.get("type").stringValue() : "";
        if (server.has("command") && (type.isEmpty() || type.equals("stdio"))) {
            stdio(label, quoted, server, where);
        } else if (server.has("url") && !type.equals("stdio")) {
            remote(label, quoted, server, where);
        } else {
            throw new ClaudeImportException(label + " has neither a stdio command nor an http or sse url"
                    + (type.isEmpty() ? "" : " (type " + UnsafeCharacters.quote(type) + ")")
                    + "; Warden cannot show what it would start, so it does not import it");
        }
    }

    private void stdio(String label, String quoted, JsonNode server, String where) throws ClaudeImportException {
        JsonNode commandNode = server.get("command");
        if (!commandNode.isString() || commandNode.stringValue().isBlank()) {
            throw new ClaudeImportException(label + ": command must be a non-empty string");
        }
        StringBuilder commandLine = new StringBuilder(commandNode.stringValue().strip());
        JsonNode args = server.get("args");
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                throw new ClaudeImportException(label + ": args must be an array of strings");
            }
            for (JsonNode arg : args) {
                if (!arg.isString()) {
                    throw new ClaudeImportException(label + ": args must be an array of strings");
                }
                commandLine.append(' ').append(arg.stringValue());
            }
        }
        String scope = "stdio:" + commandLine;
        check(label, PermissionKind.MCP_SERVER, scope);
        need(PermissionKind.MCP_SERVER, scope, quoted, "runs the MCP server %s declared in " + where);
        String line = commandLine.toString();
        int space = line.indexOf(' ');
        String program = space < 0 ? line : line.substring(0, space);
        if (program.startsWith("/")) {
            need(PermissionKind.PROCESS_EXEC, program, quoted, "the MCP server %s starts this program");
        } else if (program.startsWith(PLUGIN_ROOT + "/")) {
            notes.add("note: the MCP server " + quoted + " runs " + UnsafeCharacters.escape(program)
                    + ", a program shipped inside the plugin; its absolute path is known only once installed,"
                    + " so only mcp.server is requested");
        } else {
            Optional<Path> found = onPath(program);
            if (found.isPresent()) {
                need(PermissionKind.PROCESS_EXEC, found.get().toString(), quoted,
                        "the MCP server %s starts " + program + ", found on PATH at import time");
            } else {
                notes.add("note: the MCP server " + quoted + " runs " + UnsafeCharacters.quote(program)
                        + ", which was not found on PATH at import time; only mcp.server is requested, and"
                        + " whichever " + UnsafeCharacters.quote(program) + " is on PATH when it starts will run");
            }
        }
    }

    private void remote(String label, String quoted, JsonNode server, String where) throws ClaudeImportException {
        JsonNode urlNode = server.get("url");
        if (!urlNode.isString()) {
            throw new ClaudeImportException(label + ": url must be a string");
        }
        String url = urlNode.stringValue();
        if (url.contains("${")) {
            throw new ClaudeImportException(label + ": the url " + UnsafeCharacters.quote(url) + " uses a variable;"
                    + " Warden grants connections to fixed hosts only, so it cannot import this server");
        }
        check(label, PermissionKind.MCP_SERVER, url);
        need(PermissionKind.MCP_SERVER, url, quoted, "connects to the MCP server %s declared in " + where);
        String origin;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port < 0 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
            origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException | NullPointerException e) {
            throw new ClaudeImportException(label + ": the url " + UnsafeCharacters.quote(url) + " is not a valid URL", e);
        }
        check(label, PermissionKind.NET_EGRESS, origin);
        need(PermissionKind.NET_EGRESS, origin, quoted, "the MCP server %s is reached at this address");
    }

    private static void check(String label, PermissionKind kind, String scope) throws ClaudeImportException {
        try {
            kind.riskOf(scope);
        } catch (IllegalArgumentException e) {
            throw new ClaudeImportException(label + " cannot be granted as " + kind.id() + ": " + e.getMessage());
        }
    }

    private void need(PermissionKind kind, String scope, String server, String reason) {
        String key = kind.id() + " " + scope;
        needs.computeIfAbsent(key, k -> new ArrayList<>()).add(server);
        reasons.putIfAbsent(key, reason);
    }

    /** Finds a bare command name on PATH as a fixed absolute path without '.' or '..' segments. */
    Optional<Path> onPath(String program) {
        for (String entry : pathVariable.split(File.pathSeparator)) {
            if (entry.isEmpty() || !entry.startsWith("/")) {
                continue;
            }
            try {
                Path dir = Path.of(entry).normalize();
                Path candidate = dir.resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // an entry that is no path on this system cannot hold the program
            }
        }
        return Optional.empty();
    }

    /** @return the derived permissions, one per kind and scope, in the order first needed */
    List<Permission> permissions() {
        List<Permission> permissions = new ArrayList<>();
        for (Map.Entry<String, List<String>> need : needs.entrySet()) {
            String key = need.getKey();
            int space = key.indexOf(' ');
            PermissionKind kind = PermissionKind.byId(key.substring(0, space)).orElseThrow();
            String servers = String.join(", ", need.getValue().stream().distinct().toList());
            String reason = String.format(reasons.get(key), servers);
            permissions.add(Permission.of(kind, key.substring(space + 1), reason));
        }
        return permissions;
    }

    /** @return what could not be derived, in plain words */
    List<String> notes() {
        return List.copyOf(notes);
    }
}
