package dev.warden.catalog.manifest;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.JsonTreeWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a manifest back to {@code plugin.json} form, Warden's fields first and Claude Code's raw
 * fields as they were kept, so that what {@link ManifestParser} reads it writes back equal.
 */
public final class ManifestWriter {

    private ManifestWriter() {
    }

    /**
     * @param manifest a manifest
     * @return its JSON, pretty-printed UTF-8
     */
    public static byte[] toJson(PluginManifest manifest) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", manifest.name());
        root.put("version", manifest.version().toString());
        root.put("publisher", manifest.publisher());
        manifest.description().ifPresent(d -> root.put("description", d));
        manifest.author().ifPresent(author -> {
            ObjectNode node = root.putObject("author");
            node.put("name", author.name());
            author.email().ifPresent(e -> node.put("email", e));
            author.url().ifPresent(u -> node.put("url", u));
        });
        manifest.homepage().ifPresent(h -> root.put("homepage", h));
        manifest.repository().ifPresent(r -> root.put("repository", r));
        manifest.license().ifPresent(l -> root.put("license", l));
        if (!manifest.keywords().isEmpty()) {
            ArrayNode keywords = root.putArray("keywords");
            manifest.keywords().forEach(keywords::add);
        }
        if (!manifest.requires().isEmpty()) {
            ObjectNode requires = root.putObject("requires");
            manifest.requires().forEach(requires::put);
        }
        manifest.pluginClass().ifPresent(c -> root.put("pluginClass", c));
        if (!manifest.permissions().isEmpty()) {
            ArrayNode permissions = root.putArray("permissions");
            for (Permission permission : manifest.permissions()) {
                ObjectNode node = permissions.addObject();
                node.put("kind", permission.kind().id());
                node.put("scope", permission.scope());
                node.put("reason", permission.reason());
                if (permission.optional()) {
                    node.put("optional", true);
                }
            }
        }
        if (!manifest.connectors().isEmpty()) {
            ArrayNode connectors = root.putArray("connectors");
            for (ConnectorSpec connector : manifest.connectors()) {
                ObjectNode node = connectors.addObject();
                node.put("name", connector.name());
                node.put("description", connector.description());
                node.set("inputSchema", ManifestParser.readTrusted(connector.inputSchemaJson()));
            }
        }
        for (Map.Entry<String, String> field : manifest.claudeFields().entrySet()) {
            root.set(field.getKey(), ManifestParser.readTrusted(field.getValue()));
        }
        return JsonTreeWriter.pretty(root).getBytes(StandardCharsets.UTF_8);
    }
}
