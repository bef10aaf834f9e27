package dev.warden.manager.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ClaudePluginImport#convert}: a folder {@code warden pack} accepts, and what
 * the review should show about it.
 *
 * @param dir                    the folder written, holding {@code plugin.json}
 * @param id                     the plugin id {@code publisher/name}
 * @param version                the SemVer version written into {@code plugin.json}
 * @param derivedPermissions     one line per permission derived from the plugin's MCP servers
 *                               ({@code kind scope — reason}), followed by notes on what could not
 *                               be derived and by the {@code allowed-tools} that skills and commands
 *                               ask for; plain text, unsafe characters escaped
 * @param hooks                  one line per hook the plugin declares; Warden lists hooks and never runs them
 * @since 0.1
 */
public record ClaudeImportedPlugin(Path dir, String id, String version, List<String> derivedPermissions,
                                   List<String> hooks) {

    /** @throws NullPointerException if a component is null */
    public ClaudeImportedPlugin {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        derivedPermissions = List.copyOf(derivedPermissions);
        hooks = List.copyOf(hooks);
    }
}
