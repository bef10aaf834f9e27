package dev.warden.manager.host;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.PluginRepository;

/**
 * The plugin folders PF4J loads: exactly the ones listed, never found by scanning, and never deleted by PF4J
 * (removing a plugin is the catalog's job).
 */
record ListedPluginRepository(List<Path> paths) implements PluginRepository {

    ListedPluginRepository {
        paths = List.copyOf(paths);
    }

    @Override
    public List<Path> getPluginPaths() {
        return paths;
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        return false;
    }
}
