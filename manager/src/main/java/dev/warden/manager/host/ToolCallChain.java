package dev.warden.manager.host;

import dev.warden.io.UnsafeCharacters;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.api.Json;
import dev.warden.api.PermissionDeniedException;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolException;
import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Lifecycle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pf4j.PluginRuntimeException;

/**
 * The steps in front of every tool back end, each written once: a quarantined plugin is refused, the input is checked
 * against the tool's schema (read when the plugin loaded), the call runs within its time limit (a call past it is
 * abandoned and its back end told), and how it ended is audited as {@code tool.call}. The gateway scans the result.
 */
final class ToolCallChain {

    private final Lifecycle lifecycle;
    private final Duration limit;

    ToolCallChain(Lifecycle lifecycle, Duration limit) {
        this.lifecycle = lifecycle;
        this.limit = limit;
    }

    /**
     * @param input the plugin's input checks, made when it loaded
     * @param trail the plugin's audit trail, which knows whether it is quarantined; empty if it has none
     * @return completes with the outcome, or exceptionally with a {@link ToolCallException} of reason
     *         {@code TIMED_OUT} when the call overran and was abandoned
     * @throws ToolCallException if the call is not made: the plugin is quarantined or not running, the tool unknown,
     *                           the input wrong
     */
    CompletableFuture<ToolOutcome> call(ToolBackend backend, ToolInput input, Optional<AuditTrail> trail, String tool,
                                        String inputJson) throws ToolCallException {
        PluginId id = backend.manifest().id();
        refuseQuarantined(id, trail);
        // The input is read here, once, and the plugin gets that value.
        Json value = input.check(tool, inputJson);
        if (!backend.tools().contains(tool)) {
            throw new ToolCallException(ToolCallException.Reason.NOT_RUNNING, id + " runs no code for the tool '" + tool + "'");
        }
        long started = System.nanoTime();
        CompletableFuture<ToolResult> running = backend.call(new ToolCall(tool, value));
        return running.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS).handle((result, error) -> {
            if (error != null && unwrap(error) instanceof TimeoutException) {
                backend.overran(tool, limit);
                audit(id, tool, "abandoned", started);
                throw new CompletionException(new ToolCallException(ToolCallException.Reason.TIMED_OUT, id + " tool " + tool
                        + " did not answer within " + limit.toSeconds() + " s; the call was abandoned"));
            }
            ToolOutcome outcome = error == null ? answered(result) : failed(id, unwrap(error));
            audit(id, tool, outcome.kind().id(), started);
            return outcome;
        });
    }

    private static void refuseQuarantined(PluginId id, Optional<AuditTrail> trail) throws ToolCallException {
        if (trail.isPresent() && trail.get().quarantined()) {
            throw new ToolCallException(ToolCallException.Reason.QUARANTINED, id + " is quarantined after repeated"
                    + " denied capability uses; see 'warden audit --plugin " + id + "', then 'warden enable " + id + "'");
        }
    }

    private static ToolOutcome answered(ToolResult result) {
        if (result == null) {
            return new ToolOutcome(ToolResult.error("the tool returned no result"), ToolOutcome.Kind.ERROR);
        }
        return new ToolOutcome(result, result.isError() ? ToolOutcome.Kind.ERROR : ToolOutcome.Kind.OK);
    }

    private static ToolOutcome failed(PluginId id, Throwable cause) {
        // A plugin can throw a PermissionDeniedException of its own making: only a real permission kind is told in
        // Warden's voice, and no text of it reaches the client unescaped.
        if (cause instanceof PermissionDeniedException denied && PermissionKind.byId(denied.permission()).isPresent()) {
            return new ToolOutcome(ToolResult.error("Warden denied " + id + " " + denied.permission() + " "
                    + UnsafeCharacters.escape(denied.target()) + ": it is not among the plugin's grants"), ToolOutcome.Kind.DENIED);
        }
        if (cause instanceof ToolException reported) {
            return new ToolOutcome(ToolResult.error(String.valueOf(reported.getMessage())), ToolOutcome.Kind.ERROR);
        }
        if (cause instanceof PluginRuntimeException plugin) {
            return new ToolOutcome(ToolResult.error("the tool failed: " + plugin.getMessage()), ToolOutcome.Kind.FAILED);
        }
        return new ToolOutcome(ToolResult.error("the tool failed: " + HostedPlugin.failure(cause)), ToolOutcome.Kind.FAILED);
    }

    private void audit(PluginId id, String tool, String outcome, long started) {
        try {
            ToolCallLog.record(lifecycle, id, tool, Optional.empty(), outcome, started);
        } catch (StateException e) {
            // The call already happened; each capability use inside it was logged before it acted.
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
