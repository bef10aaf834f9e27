package dev.warden.api;

import java.util.List;

/**
 * The class named by {@code pluginClass} in {@code plugin.json}. Warden creates it with its public
 * no-argument constructor, calls {@link #start} once, asks for its connectors, and calls
 * {@link #stop} before unloading it.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface WardenPlugin {

    /**
     * Prepares the plugin. Keep it short: the gateway waits for it.
     *
     * @param context the plugin's granted capabilities, valid until {@link #stop()} returns
     * @throws ToolException if the plugin cannot start; Warden reports it and leaves the plugin unloaded
     */
    void start(PluginContext context) throws ToolException;

    /**
     * @return the connectors serving the plugin's declared tools; empty if it serves none. Called
     *         after {@link #start}.
     */
    List<Connector> connectors();

    /** Releases what {@link #start} acquired. Called once; must not throw. */
    void stop();
}
