package dev.warden.samples.weather;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.WardenPlugin;
import java.util.List;

/** Serves the "forecast" tool. All network access goes through the granted {@code Http} capability. */
public final class WeatherPlugin implements WardenPlugin {

    @Override
    public void start(PluginContext context) {
    }

    @Override
    public List<Connector> connectors() {
        return List.of(new ForecastConnector());
    }

    @Override
    public void stop() {
    }
}
