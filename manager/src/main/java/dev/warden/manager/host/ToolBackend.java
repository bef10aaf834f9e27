package dev.warden.manager.host;

import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginManifest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A running plugin that serves tools, wherever its code runs: in Warden's process ({@link HostedPlugin}) or in a
 * plugin host process of its own under a sandbox ({@link ProcessPlugin}, started again by the host when it ended).
 * A back end only runs calls; the steps in front of every call (quarantine, input check, audit, time limit) are
 * {@link ToolCallChain}'s, the same for each back end.
 */
interface ToolBackend {

    /** @return the installed manifest the plugin was loaded from */
    PluginManifest manifest();

    /** @return the tools its code serves; empty before it has started */
    Set<String> tools();

    /**
     * Starts one call of a tool it serves, whose input has passed the checks, without holding the caller's thread.
     *
     * @return completes with the tool's result (null if the tool returned none), or exceptionally with a
     *         {@code ToolException} the tool threw, a {@code PermissionDeniedException} it let through, or another
     *         exception saying why the call failed
     * @throws ToolCallException of reason {@code NOT_RUNNING} if the call cannot be made: the plugin has stopped and
     *                           cannot be started again
     */
    CompletableFuture<ToolResult> call(ToolCall call) throws ToolCallException;

    /**
     * Stops a call that ran past its time limit: a runaway is killed, not begged. The call's result has already
     * completed with a {@link java.util.concurrent.TimeoutException}.
     */
    void overran(String tool, Duration limit);

    /** Stops the plugin; calls in flight fail. */
    void stop();
}
