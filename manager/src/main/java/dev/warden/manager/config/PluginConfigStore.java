package dev.warden.manager.config;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.AtomicFiles;
import dev.warden.io.JsonTreeWriter;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.manager.runtime.SecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The non-sensitive values of each plugin's options: {@code $WARDEN_HOME/config/<publisher>/<name>.json},
 * {@code {"values":{"KEY":"VALUE"}}}, owner-only and replaced atomically, removed with the plugin. Sensitive values
 * live in the {@link SecretStore} instead. No grant reaches Warden's home, so a plugin cannot change what its URL is
 * filled with.
 */
public final class PluginConfigStore {

    private final Path folder;

    /** @param wardenHome the state folder */
    public PluginConfigStore(Path wardenHome) {
        this.folder = Objects.requireNonNull(wardenHome, "wardenHome").toAbsolutePath().normalize().resolve("config");
    }

    /** @return where the plugin's values are kept */
    public Path file(PluginId plugin) {
        return folder.resolve(plugin.publisher()).resolve(plugin.name() + ".json");
    }

    /**
     * @return the stored values by key, sorted; empty when none is stored
     * @throws IOException if the file cannot be read, is damaged, or others may read it
     */
    public Map<String, String> values(PluginId plugin) throws IOException {
        Path file = file(plugin);
        Map<String, String> values = new TreeMap<>();
        byte[] bytes;
        try {
            SecretStore.checkOwnerOnly(file);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return values;
        }
        JsonNode root;
        try {
            root = StrictJson.standard().read(bytes);
        } catch (StrictJsonException e) {
            throw damaged(file);
        }
        JsonNode stored = root.path("values");
        if (!stored.isObject()) {
            throw damaged(file);
        }
        for (Map.Entry<String, JsonNode> value : stored.properties()) {
            if (!value.getValue().isString()) {
                throw damaged(file);
            }
            values.put(value.getKey(), value.getValue().stringValue());
        }
        return values;
    }

    /** Replaces the plugin's stored values; none removes its file. */
    public void write(PluginId plugin, Map<String, String> values) throws IOException {
        Path file = file(plugin);
        if (values.isEmpty()) {
            remove(plugin);
            return;
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode stored = root.putObject("values");
        new TreeMap<>(values).forEach(stored::put);
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        AtomicFiles.writeOwnerOnly(file, (JsonTreeWriter.pretty(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets the plugin's values; nothing stored is not an error. */
    public void remove(PluginId plugin) throws IOException {
        Path file = file(plugin);
        Files.deleteIfExists(file);
        try {
            Files.deleteIfExists(file.getParent());
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another plugin of the publisher keeps its values there
        }
    }

    private static IOException damaged(Path file) {
        return new IOException(file + " is damaged; Warden wrote it, so something else changed it: remove it and set"
                + " the values again with 'warden config set'");
    }
}
