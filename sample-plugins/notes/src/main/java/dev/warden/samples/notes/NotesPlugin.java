package dev.warden.samples.notes;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.WardenPlugin;
import java.util.List;

/**
 * Serves the tools "add", "list", "search" and "remove". The notes live in the plugin's data folder,
 * reached only through the granted {@code Files} capability.
 */
public final class NotesPlugin implements WardenPlugin {

    private final NotesConnector connector = new NotesConnector();

    @Override
    public void start(PluginContext context) {
    }

    @Override
    public List<Connector> connectors() {
        return List.of(connector);
    }

    @Override
    public void stop() {
    }
}
