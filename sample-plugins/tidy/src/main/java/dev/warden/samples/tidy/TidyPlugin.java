package dev.warden.samples.tidy;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.WardenPlugin;
import java.util.List;

/**
 * Serves the tools "plan" and "organise". Every file it looks at, writes or deletes goes through
 * the granted {@code Files} capability, under {@code ${workspace}}.
 */
public final class TidyPlugin implements WardenPlugin {

    @Override
    public void start(PluginContext context) {
    }

    @Override
    public List<Connector> connectors() {
        return List.of(new TidyConnector());
    }

    @Override
    public void stop() {
    }
}
