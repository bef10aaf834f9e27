package dev.warden.manager.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folders the path roots of permission scopes stand for, for one plugin run.
 *
 * @param workspace  {@code ${workspace}}: the folder the person works in
 * @param pluginData {@code ${plugin_data}}: {@code $WARDEN_HOME/data/<publisher>/<name>}
 * @param home       {@code ${home}}: the person's home folder
 */
public record PluginRoots(Path workspace, Path pluginData, Path home) {

    public PluginRoots {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(pluginData, "pluginData");
        Objects.requireNonNull(home, "home");
    }
}
