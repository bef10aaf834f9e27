package dev.warden.manager.host;

import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginManifest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A sandboxed plugin as the host holds it: its plugin host process, started again when it ended (killed past its
 * time or memory, or crashed) within a {@link RestartBudget}, so a plugin that keeps failing stays stopped and says why.
 */
final class RestartingPlugin implements ToolBackend {

    /** Starts the plugin's process again. */
    interface Starter {
        /**
         * @param why why the process before ended
         * @throws ToolCallException of reason {@code NOT_RUNNING} saying why it did not start
         */
        ProcessPlugin start(String why) throws ToolCallException;
    }

    private final Starter starter;
    private final RestartBudget budget = new RestartBudget();
    private volatile ProcessPlugin current;

    RestartingPlugin(ProcessPlugin started, Starter starter) {
        this.current = started;
        this.starter = starter;
    }

    @Override
    public PluginManifest manifest() {
        return current.manifest();
    }

    @Override
    public Set<String> tools() {
        return current.tools();
    }

    /** @return why its process is no longer running; empty while it runs */
    Optional<String> ended() {
        return current.ended();
    }

    @Override
    public CompletableFuture<ToolResult> call(ToolCall call) throws ToolCallException {
        return running().call(call);
    }

    @Override
    public void overran(String tool, Duration limit) {
        current.overran(tool, limit);
    }

    @Override
    public void stop() {
        current.stop();
    }

    private synchronized ProcessPlugin running() throws ToolCallException {
        Optional<String> ended = current.ended();
        if (ended.isEmpty()) {
            return current; // running, or another call started it again meanwhile
        }
        if (!budget.take(System.nanoTime())) {
            throw new ToolCallException(ToolCallException.Reason.NOT_RUNNING, current.manifest().id()
                    + " is not running: its process ended: " + ended.get() + "; it was started again " + RestartBudget.RESTARTS
                    + " times within " + RestartBudget.WINDOW.toMinutes() + " minutes, so it stays stopped until 'warden serve'"
                    + " starts again");
        }
        current = starter.start(ended.get());
        return current;
    }
}
