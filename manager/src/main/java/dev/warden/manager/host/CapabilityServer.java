package dev.warden.manager.host;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.PluginContext;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.DataShare;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Warden's side of a plugin host process's capability uses: each request from the process is served by the
 * plugin's own {@link PluginContext}, the same broker-made capabilities an in-process plugin holds, so every
 * grant is checked, and every use audited, in Warden (DESIGN 6.5). The process is not trusted: whatever it
 * sends is one more request the context judges.
 *
 * <p>Scheduled jobs and data shared with the plugin reach its code the other way: the context's scheduler and
 * data share call back into the process.
 */
final class CapabilityServer implements Wire.Handler {

    /** The longest a scheduled job or a data delivery may take in the process. */
    private static final long CALLBACK_SECONDS = 600;

    private final PluginContext context;
    private final BiFunction<String, JsonNode, CompletableFuture<JsonNode>> toProcess;

    /**
     * @param context   the plugin's granted capabilities
     * @param toProcess sends a request to the process (a scheduled job to run, data to deliver)
     */
    CapabilityServer(PluginContext context, BiFunction<String, JsonNode, CompletableFuture<JsonNode>> toProcess) {
        this.context = Objects.requireNonNull(context, "context");
        this.toProcess = Objects.requireNonNull(toProcess, "toProcess");
    }

    @Override
    public JsonNode handle(String method, JsonNode params) throws Wire.Failure {
        try {
            return serve(method, params);
        } catch (PermissionDeniedException | CapabilityException e) {
            throw CapabilityMessages.failure(e);
        } catch (IllegalArgumentException e) {
            throw new Wire.Failure(CapabilityMessages.FAILED, "a malformed " + method + " request: " + e.getMessage());
        }
    }

    private JsonNode serve(String method, JsonNode p) throws CapabilityException, Wire.Failure {
        return switch (method) {
            case "files.read" -> context.files().read(CapabilityMessages.text(p.get("path")))
                    .map(b -> (JsonNode) Wire.JSON.getNodeFactory().stringNode(CapabilityMessages.bytes(b)))
                    .orElse(Wire.JSON.nullNode());
            case "files.write" -> {
                context.files().write(CapabilityMessages.text(p.get("path")), CapabilityMessages.bytes(p.get("content")));
                yield Wire.JSON.nullNode();
            }
            case "files.list" -> CapabilityMessages.array(context.files().list(CapabilityMessages.text(p.get("folder"))));
            case "files.delete" -> bool(context.files().delete(CapabilityMessages.text(p.get("path"))));
            case "files.exists" -> bool(context.files().exists(CapabilityMessages.text(p.get("path"))));
            case "http.send" -> CapabilityMessages.httpResponse(context.http().send(CapabilityMessages.httpRequest(p)));
            case "secrets.secret" -> context.secrets().secret(CapabilityMessages.text(p.get("name")))
                    .map(s -> (JsonNode) Wire.JSON.getNodeFactory().stringNode(s.name())).orElse(Wire.JSON.nullNode());
            case "exec.run" -> CapabilityMessages.execResult(context.exec().run(CapabilityMessages.execRequest(p)));
            case "env.get" -> text(context.env().get(CapabilityMessages.text(p.get("name"))));
            case "env.names" -> CapabilityMessages.array(context.env().names());
            case "scheduler.register" -> {
                String schedule = CapabilityMessages.text(p.get("schedule"));
                context.scheduler().register(schedule, () -> callBack("scheduled.run",
                        CapabilityMessages.object().put("schedule", schedule)));
                yield Wire.JSON.nullNode();
            }
            case "scheduler.cancel" -> bool(context.scheduler().cancel(CapabilityMessages.text(p.get("schedule"))));
            case "notifier.tell" -> {
                context.notifier().tell(CapabilityMessages.text(p.get("message")));
                yield Wire.JSON.nullNode();
            }
            case "notifier.warn" -> {
                context.notifier().warn(CapabilityMessages.text(p.get("message")));
                yield Wire.JSON.nullNode();
            }
            case "dataShare.send" -> {
                context.dataShare().send(CapabilityMessages.text(p.get("target")),
                        CapabilityMessages.text(p.get("topic")), CapabilityMessages.bytes(p.get("payload")));
                yield Wire.JSON.nullNode();
            }
            case "dataShare.onReceive" -> {
                context.dataShare().onReceive(this::deliver);
                yield Wire.JSON.nullNode();
            }
            default -> throw new Wire.Failure(CapabilityMessages.FAILED, "no capability method '" + method + "'");
        };
    }

    private void deliver(DataShare.Payload data) {
        try {
            callBack("data.receive", CapabilityMessages.object().put("from", data.from().toString())
                    .put("topic", data.topic()).put("payload", CapabilityMessages.bytes(data.payload())));
        } catch (Exception e) {
            throw new IllegalStateException("the plugin's process did not take the data: " + e.getMessage(), e);
        }
    }

    /** Runs a callback in the process and waits for it, so the job's run time and failure are the scheduler's to see. */
    private void callBack(String method, JsonNode params) throws Exception {
        try {
            toProcess.apply(method, params).get(CALLBACK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("the plugin's process did not finish " + method + " within " + CALLBACK_SECONDS + " s");
        }
    }

    private static JsonNode bool(boolean value) {
        return Wire.JSON.getNodeFactory().booleanNode(value);
    }

    private static JsonNode text(Optional<String> value) {
        return value.map(v -> (JsonNode) Wire.JSON.getNodeFactory().stringNode(v)).orElse(Wire.JSON.nullNode());
    }
}
