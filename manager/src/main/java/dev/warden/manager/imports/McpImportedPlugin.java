package dev.warden.manager.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A plugin source folder made from an MCP Registry server, ready for {@code warden pack}. It is
 * unsigned: installing it needs {@code --allow-unverified}.
 *
 * @param dir                the folder holding {@code plugin.json} and {@code .mcp.json}
 * @param id                 the plugin id, {@code publisher/name}
 * @param version            the plugin version, the server's version made SemVer
 * @param derivedPermissions the permissions written into the manifest, each as {@code kind scope};
 *                           a stdio server without {@code process.exec} means its runner was not
 *                           found on {@code PATH} at import time
 * @since 0.1
 */
public record McpImportedPlugin(Path dir, String id, String version, List<String> derivedPermissions) {

    /** Copies the list. */
    public McpImportedPlugin {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        derivedPermissions = List.copyOf(derivedPermissions);
    }
}
