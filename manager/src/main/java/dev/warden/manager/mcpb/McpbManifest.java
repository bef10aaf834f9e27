package dev.warden.manager.mcpb;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an MCPB {@code manifest.json} (manifest_version, or dxt_version, 0.1 to 0.4) that say
 * what the bundle is and what it runs: identity, the server's type, entry point and {@code mcp_config}
 * (still holding its {@code ${__dirname}} and {@code ${user_config.X}} placeholders, with this machine's
 * {@code platform_overrides} applied), the tools and
 * prompts it declares, its compatibility and its typed {@code user_config}.
 *
 * @param manifestVersion "0.1" to "0.4"
 * @param name            the bundle's machine name
 * @param version         its version, as written
 * @param description     one line about it
 * @param author          the author's name
 * @param server          what it runs
 * @param tools           the tool names it declares
 * @param prompts         the prompt names it declares
 * @param platforms       {@code compatibility.platforms} (darwin, win32, linux); empty means any
 * @param runtimes        {@code compatibility.runtimes} (e.g. node → ">=18"); empty means any
 * @param userConfig      the options the person sets, in manifest order
 * @since 0.1
 */
public record McpbManifest(String manifestVersion, String name, String version, String description, String author,
                           Server server, List<String> tools, List<String> prompts, List<String> platforms,
                           Map<String, String> runtimes, List<Option> userConfig) {

    /** The manifest versions Warden reads. */
    public static final Set<String> VERSIONS = Set.of("0.1", "0.2", "0.3", "0.4");

    /**
     * @param type       node, python, binary or uv
     * @param entryPoint the file it starts, relative to the bundle
     * @param command    the program mcp_config runs
     * @param args       its arguments, placeholders unfilled
     * @param env        the environment it sets, placeholders unfilled
     */
    public record Server(String type, String entryPoint, String command, List<String> args, Map<String, String> env) {
        public Server {
            args = List.copyOf(args);
            env = Map.copyOf(env);
        }
    }

    /**
     * @param key       the name {@code ${user_config.KEY}} uses
     * @param type      string, number, boolean, directory or file
     * @param title     what the person is asked
     * @param sensitive whether the value is a secret (kept in the secret store)
     * @param required  whether the server needs it
     * @param defaults  the option's other fields as MCPB writes them ({@code description}, {@code default}, {@code min},
     *                  {@code max}, {@code multiple}), passed on to the plugin's {@code userConfig}; a default that holds
     *                  one of MCPB's own variables ({@code ${HOME}}) is left out, as Warden does not fill it in
     */
    public record Option(String key, String type, String title, boolean sensitive, boolean required,
                         Map<String, JsonNode> defaults) {
        public Option {
            Objects.requireNonNull(key, "key");
            defaults = Map.copyOf(defaults);
            if (!Set.of("string", "number", "boolean", "directory", "file").contains(type)) {
                throw new IllegalArgumentException("user_config type " + type);
            }
        }
    }

    public McpbManifest {
        tools = List.copyOf(tools);
        prompts = List.copyOf(prompts);
        platforms = List.copyOf(platforms);
        runtimes = Map.copyOf(runtimes);
        userConfig = List.copyOf(userConfig);
    }

    /**
     * @param platform MCPB's name of a platform: darwin, win32 or linux
     * @return whether {@code compatibility.platforms} lets it run there (no list: everywhere)
     */
    public boolean runsOn(String platform) {
        return platforms.isEmpty() || platforms.contains(platform);
    }

    /** @return MCPB's name of the platform this runs on: darwin, win32 or linux */
    public static String currentPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "win32" : "linux";
    }

    /**
     * Reads {@code manifest.json} strictly (duplicate keys, bad UTF-8 and unsafe text refused).
     *
     * @param json the bytes of manifest.json
     * @return the manifest
     * @throws McpbManifestException naming the field that is missing or of the wrong type, or the
     *                               version Warden does not read
     */
    public static McpbManifest parse(byte[] json) throws McpbManifestException {
        JsonNode root;
        try {
            root = StrictJson.standard().read(json);
        } catch (StrictJsonException e) {
            throw new McpbManifestException("manifest.json is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new McpbManifestException("manifest.json is not a JSON object");
        }
        String manifestVersion = optionalText(root, "manifest_version").or(() -> optionalText(root, "dxt_version"))
                .orElseThrow(() -> new McpbManifestException("manifest.json has neither manifest_version nor dxt_version"));
        if (!VERSIONS.contains(manifestVersion)) {
            throw new McpbManifestException("manifest.json has manifest_version " + manifestVersion
                    + "; Warden reads " + String.join(", ", VERSIONS.stream().sorted().toList()));
        }
        JsonNode server = object(root, "server");
        JsonNode config = object(server, "mcp_config");
        String type = text(server, "type", "server.");
        if (!Set.of("node", "python", "binary", "uv").contains(type)) {
            throw new McpbManifestException("manifest.json server.type is '" + type + "'; MCPB knows node, python, binary and uv");
        }
        String command = text(config, "command", "server.mcp_config.");
        List<String> args = strings(config, "args", "server.mcp_config.");
        Map<String, String> env = stringMap(config, "env", "server.mcp_config.");
        // this machine's platform_overrides entry replaces the command and arguments it names and adds to the environment
        String where = "server.mcp_config.platform_overrides." + currentPlatform() + ".";
        JsonNode override = config.path("platform_overrides").path(currentPlatform());
        if (!override.isMissingNode()) {
            if (!override.isObject()) {
                throw new McpbManifestException("manifest.json " + where.substring(0, where.length() - 1) + " is not an object");
            }
            if (!override.path("command").isMissingNode()) {
                command = text(override, "command", where);
            }
            if (!override.path("args").isMissingNode()) {
                args = strings(override, "args", where);
            }
            env.putAll(stringMap(override, "env", where));
        }
        Server launch = new Server(type, optionalText(server, "entry_point").orElse(""), command, args, env);
        JsonNode compatibility = root.path("compatibility");
        return new McpbManifest(manifestVersion, text(root, "name", ""), text(root, "version", ""),
                optionalText(root, "description").orElse(""), text(object(root, "author"), "name", "author."), launch,
                names(root, "tools"), names(root, "prompts"), strings(compatibility, "platforms", "compatibility."),
                stringMap(compatibility, "runtimes", "compatibility."), options(root));
    }

    private static List<Option> options(JsonNode root) throws McpbManifestException {
        List<Option> options = new ArrayList<>();
        JsonNode config = root.path("user_config");
        if (config.isMissingNode()) {
            return options;
        }
        if (!config.isObject()) {
            throw new McpbManifestException("manifest.json user_config is not an object");
        }
        for (var entry : config.properties()) {
            String where = "user_config." + entry.getKey() + ".";
            JsonNode option = entry.getValue();
            String type = text(option, "type", where);
            try {
                Map<String, JsonNode> more = new LinkedHashMap<>();
                for (String field : List.of("description", "default", "min", "max", "multiple")) {
                    JsonNode value = option.path(field);
                    if (!value.isMissingNode() && !value.isNull() && !(value.isString() && value.asString().contains("${"))) {
                        more.put(field, value);
                    }
                }
                options.add(new Option(entry.getKey(), type, optionalText(option, "title").orElse(entry.getKey()),
                        option.path("sensitive").asBoolean(false), option.path("required").asBoolean(false), more));
            } catch (IllegalArgumentException e) {
                throw new McpbManifestException("manifest.json " + where + "type is '" + type
                        + "'; MCPB knows string, number, boolean, directory and file", e);
            }
        }
        return options;
    }

    private static JsonNode object(JsonNode parent, String field) throws McpbManifestException {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw new McpbManifestException("manifest.json has no object '" + field + "'");
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String where) throws McpbManifestException {
        JsonNode node = parent.path(field);
        if (!node.isString() || node.asString().isBlank()) {
            throw new McpbManifestException("manifest.json has no text '" + where + field + "'");
        }
        return node.asString();
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        return node.isString() ? Optional.of(node.asString()) : Optional.empty();
    }

    private static List<String> strings(JsonNode parent, String field, String where) throws McpbManifestException {
        List<String> values = new ArrayList<>();
        JsonNode node = parent.path(field);
        if (node.isMissingNode()) {
            return values;
        }
        if (!node.isArray()) {
            throw new McpbManifestException("manifest.json " + where + field + " is not a list");
        }
        for (JsonNode value : node) {
            if (!value.isString()) {
                throw new McpbManifestException("manifest.json " + where + field + " holds a value that is not text");
            }
            values.add(value.asString());
        }
        return values;
    }

    private static Map<String, String> stringMap(JsonNode parent, String field, String where) throws McpbManifestException {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode node = parent.path(field);
        if (node.isMissingNode()) {
            return values;
        }
        if (!node.isObject()) {
            throw new McpbManifestException("manifest.json " + where + field + " is not an object");
        }
        for (var entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw new McpbManifestException("manifest.json " + where + field + "." + entry.getKey() + " is not text");
            }
            values.put(entry.getKey(), entry.getValue().asString());
        }
        return values;
    }

    private static List<String> names(JsonNode root, String field) throws McpbManifestException {
        List<String> names = new ArrayList<>();
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return names;
        }
        if (!node.isArray()) {
            throw new McpbManifestException("manifest.json " + field + " is not a list");
        }
        for (JsonNode item : node) {
            names.add(text(item, "name", field + "[]."));
        }
        return names;
    }
}
