package dev.warden.api;

import java.util.Set;

/**
 * Serves tools that the plugin declared in {@code plugin.json} {@code connectors}. Warden finds a
 * plugin's connectors through its {@link WardenPlugin} and refuses to load one that serves an
 * undeclared tool.
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Connector {

    /**
     * @return the names of the tools this connector serves, each declared in {@code plugin.json};
     *         never empty, and the same set on every call
     */
    Set<String> tools();

    /**
     * Runs one tool call. Called only for names in {@link #tools()}, with input that the host has
     * already validated against the tool's declared input schema.
     *
     * @param call    the tool and its input
     * @param context the plugin's granted capabilities
     * @return the result to give back to the client; an expected failure the model should see is
     *         {@link ToolResult#error(String)}, not an exception
     * @throws ToolException                                if the call failed in a way the plugin cannot describe as a result
     * @throws dev.warden.api.PermissionDeniedException if the plugin used a capability it was not granted
     */
    ToolResult call(ToolCall call, PluginContext context) throws ToolException;
}
