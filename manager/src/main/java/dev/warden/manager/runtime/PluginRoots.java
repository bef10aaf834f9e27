package dev.warden.manager.runtime;

import dev.warden.manager.home.ProtectedState;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The folders the path roots of permission scopes stand for, for one plugin run, and Warden's own state, which none
 * of them reaches even where a root contains it (a workspace that is the person's home holds {@code ~/.warden}).
 *
 * @param workspace   {@code ${workspace}}: the folder the person works in
 * @param pluginData  {@code ${plugin_data}}: {@code $WARDEN_HOME/data/<publisher>/<name>}
 * @param home        {@code ${home}}: the person's home folder
 * @param wardenState what no grant reaches; the plugin's data folder, which lies in it by design, is carved out here
 */
public record PluginRoots(Path workspace, Path pluginData, Path home, ProtectedState wardenState) {

    public PluginRoots {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(pluginData, "pluginData");
        Objects.requireNonNull(home, "home");
        wardenState = Objects.requireNonNull(wardenState, "wardenState").except(pluginData);
    }
}
