package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.AtomicFiles;
import dev.warden.io.Digests;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of plugins' external MCP servers as the person approved them (DESIGN 6.4), in
 * {@code $WARDEN_HOME/pins.json}: per plugin, server and tool, the approved title, description and input schema
 * with their SHA-256, and what the server showed since if it differs. The first list a server shows is approved
 * with the plugin that declares it; a later change, or a tool that appears later, is held until {@code warden
 * review} approves it.
 *
 * <p>Callers hold Warden's state lock while they change pins; the file is replaced atomically.
 */
public final class ToolPins {

    /** The file, under {@code $WARDEN_HOME}. */
    public static final String FILE = "pins.json";

    /**
     * The writer of pins and of the canonical form they hash, built on first use: reading pins (e.g. whether a
     * plugin being removed has any) needs no object mapper, and building one costs a cold process tens of ms.
     */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                .build();
    }

    /**
     * A tool as a server showed it.
     *
     * @param title       its title, empty if it has none
     * @param description its description, empty if it has none
     * @param inputSchema its input schema as JSON with keys sorted
     * @param sha256      the hash over the three, in lowercase hex
     */
    public record Pin(String title, String description, String inputSchema, String sha256) {

        public Pin {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(inputSchema, "inputSchema");
            Objects.requireNonNull(sha256, "sha256");
        }

        /**
         * @param inputSchemaJson the input schema as the server sent it, as JSON
         * @throws IllegalArgumentException if the schema is not JSON
         */
        public static Pin of(String title, String description, String inputSchemaJson) {
            String schema;
            try {
                schema = Json.MAPPER.writeValueAsString(StrictJson.standard().read(inputSchemaJson));
            } catch (StrictJsonException e) {
                throw new IllegalArgumentException("the input schema is not JSON: " + e.problem().describe(), e);
            }
            Map<String, String> hashed = new TreeMap<>(Map.of("title", nullToEmpty(title),
                    "description", nullToEmpty(description), "inputSchema", schema));
            return new Pin(nullToEmpty(title), nullToEmpty(description), schema, Digests.sha256Hex(Json.MAPPER.writeValueAsString(hashed)));
        }
    }

    /**
     * A tool that is not offered until the person approves it.
     *
     * @param approved what the person approved, empty for a tool that appeared later
     * @param seen     what the server shows now
     */
    public record Held(String server, String tool, Optional<Pin> approved, Pin seen) {
    }

    /** One tool's pins: what was approved, and what was seen since when it differs. */
    private record Entry(Optional<Pin> approved, Optional<Pin> held) {
    }

    private final Path file;

    /** @param home the state folder, {@code $WARDEN_HOME} */
    public ToolPins(Path home) {
        this.file = Objects.requireNonNull(home, "home").resolve(FILE);
    }

    /** @return the file the pins are kept in */
    public Path file() {
        return file;
    }

    /**
     * Compares the tools a server shows with the pins, pinning them all if the server has none yet, and
     * records each tool that differs from what was approved as held.
     *
     * @param seen tool name → the tool as shown now
     * @return tool name → true if it may be offered, false if it is held for review
     * @throws IOException if the pins cannot be read or written
     */
    public Map<String, Boolean> admit(PluginId plugin, String server, Map<String, Pin> seen) throws IOException {
        Map<String, Map<String, Map<String, Entry>>> all = read();
        Map<String, Map<String, Entry>> servers = all.computeIfAbsent(plugin.toString(), k -> new TreeMap<>());
        // a server seen once with no tools is still seen: tools it shows later are held
        boolean first = !servers.containsKey(server);
        Map<String, Entry> tools = servers.computeIfAbsent(server, k -> new TreeMap<>());
        boolean changed = first;
        Map<String, Boolean> offered = new LinkedHashMap<>();
        for (Map.Entry<String, Pin> tool : seen.entrySet()) {
            Entry pinned = tools.get(tool.getKey());
            Pin now = tool.getValue();
            Entry next;
            if (first) {
                next = new Entry(Optional.of(now), Optional.empty());
            } else if (pinned != null && pinned.approved().map(p -> p.sha256().equals(now.sha256())).orElse(false)) {
                next = new Entry(pinned.approved(), Optional.empty());
            } else {
                next = new Entry(pinned == null ? Optional.empty() : pinned.approved(), Optional.of(now));
            }
            offered.put(tool.getKey(), next.held().isEmpty());
            if (!next.equals(pinned)) {
                tools.put(tool.getKey(), next);
                changed = true;
            }
        }
        if (changed) {
            write(all);
        }
        return offered;
    }

    /** @return the plugin's held tools, by server and tool name; empty if none */
    public List<Held> held(PluginId plugin) throws IOException {
        List<Held> held = new ArrayList<>();
        read().getOrDefault(plugin.toString(), Map.of()).forEach((server, tools) -> tools.forEach((tool, entry) ->
                entry.held().ifPresent(seen -> held.add(new Held(server, tool, entry.approved(), seen)))));
        return held;
    }

    /**
     * Approves every held tool of the plugin as it was last seen.
     *
     * @return how many tools were approved
     */
    public int approveHeld(PluginId plugin) throws IOException {
        Map<String, Map<String, Map<String, Entry>>> all = read();
        int approved = 0;
        for (Map<String, Entry> tools : all.getOrDefault(plugin.toString(), Map.of()).values()) {
            for (Map.Entry<String, Entry> tool : tools.entrySet()) {
                if (tool.getValue().held().isPresent()) {
                    tool.setValue(new Entry(tool.getValue().held(), Optional.empty()));
                    approved++;
                }
            }
        }
        if (approved > 0) {
            write(all);
        }
        return approved;
    }

    /**
     * @return whether any tool of the plugin is pinned (approved or held)
     * @throws IOException if the pins cannot be read
     */
    public boolean knows(PluginId plugin) throws IOException {
        return read().containsKey(plugin.toString());
    }

    /**
     * Drops every pin of a plugin, as when it is removed: a plugin installed again later is approved anew.
     *
     * @return false if it had none
     */
    public boolean forget(PluginId plugin) throws IOException {
        Map<String, Map<String, Map<String, Entry>>> all = read();
        if (all.remove(plugin.toString()) == null) {
            return false;
        }
        write(all);
        return true;
    }

    private Map<String, Map<String, Map<String, Entry>>> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        Map<String, Map<String, Map<String, Entry>>> all = new TreeMap<>();
        try {
            JsonNode root = StrictJson.standard().read(bytes);
            for (Map.Entry<String, JsonNode> plugin : object(root.path("plugins")).properties()) {
                Map<String, Map<String, Entry>> servers = all.computeIfAbsent(plugin.getKey(), k -> new TreeMap<>());
                for (Map.Entry<String, JsonNode> server : object(plugin.getValue()).properties()) {
                    Map<String, Entry> tools = servers.computeIfAbsent(server.getKey(), k -> new TreeMap<>());
                    for (Map.Entry<String, JsonNode> tool : object(server.getValue()).properties()) {
                        tools.put(tool.getKey(), new Entry(pin(tool.getValue().get("approved")), pin(tool.getValue().get("held"))));
                    }
                }
            }
        } catch (StrictJsonException | IllegalArgumentException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); until it is repaired or removed, no"
                    + " tool of an MCP server is offered. Removing it approves each server's tools anew when next seen", e);
        }
        return all;
    }

    private static JsonNode object(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected an object, found " + node.getNodeType());
        }
        return node;
    }

    private static Optional<Pin> pin(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        object(node);
        Pin pin = new Pin(text(node, "title"), text(node, "description"), text(node, "inputSchema"), text(node, "sha256"));
        return Optional.of(pin);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("a pin has no text " + field);
        }
        return value.stringValue();
    }

    private void write(Map<String, Map<String, Map<String, Entry>>> all) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode plugins = root.putObject("plugins");
        all.forEach((plugin, servers) -> {
            if (servers.isEmpty()) {
                return;
            }
            ObjectNode byServer = plugins.putObject(plugin);
            servers.forEach((server, tools) -> {
                ObjectNode byTool = byServer.putObject(server);
                tools.forEach((tool, entry) -> {
                    ObjectNode pins = byTool.putObject(tool);
                    entry.approved().ifPresent(p -> pins.set("approved", node(p)));
                    entry.held().ifPresent(p -> pins.set("held", node(p)));
                });
            });
        });
        AtomicFiles.write(file, (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode node(Pin pin) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("title", pin.title());
        node.put("description", pin.description());
        node.put("inputSchema", pin.inputSchema());
        node.put("sha256", pin.sha256());
        return node;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
