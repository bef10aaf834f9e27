package dev.warden.api;

import java.util.Objects;

/**
 * Who the running plugin is. Its data folder is not a file-system path: plugins reach it through
 * {@link dev.warden.api.capability.Files} with paths under {@link #DATA_FOLDER}.
 *
 * @param id      the plugin's id, {@code publisher/name}
 * @param version the installed version, as in its {@code plugin.json}
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public record PluginInfo(String id, String version) {

    /** The root of the plugin's own data folder, kept across updates: {@code ${plugin_data}}. */
    public static final String DATA_FOLDER = "${plugin_data}";

    /** @throws NullPointerException if either part is null */
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }

    /** @return {@link #DATA_FOLDER}, the root to use with {@code Files} for the plugin's own data */
    public String dataFolder() {
        return DATA_FOLDER;
    }
}
