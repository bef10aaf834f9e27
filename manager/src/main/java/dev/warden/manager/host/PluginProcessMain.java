package dev.warden.manager.host;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.PluginInfo;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolException;
import dev.warden.api.ToolResult;
import dev.warden.api.capability.DataShare;
import dev.warden.manager.verify.BytecodeVerifier;
import dev.warden.manager.verify.VerificationReport;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import tools.jackson.databind.JsonNode;

/**
 * The plugin host process: one plugin, loaded the way Warden loads it in-process (PF4J, its own class loader, the
 * JDK allowlist), run inside the sandbox Warden started it in (DESIGN 6.5). It speaks {@link Wire} over its standard
 * input and output; its standard error is Warden's to keep as the plugin's log.
 *
 * <p>Arguments: {@code PLUGIN_DIR START_MILLIS [--any-jdk-class]}. Warden checked the plugin's code before it
 * started this process, and the folder is mounted read-only, so the code is not checked again here. The last
 * option loads any JDK class the plugin asks for: tests use it to run hostile code past the allowlist and show
 * that the sandbox alone holds it.
 *
 * <p>On start it tells Warden {@code ready} with the tools the code serves, or {@code failed} with why. Then it
 * answers {@code call} (a tool call), {@code scheduled.run} and {@code data.receive}. It ends when Warden closes
 * its input.
 */
final class PluginProcessMain {

    /** Wire messages from Warden may be large (a tool's input); this bounds them. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    static final String ANY_JDK_CLASS = "--any-jdk-class";

    private final Wire wire;
    private volatile HostedPlugin plugin;
    private volatile RemoteContext context;

    private PluginProcessMain(OutputStream toWarden) {
        this.wire = new Wire("warden-plugin-process", new FileInputStream(FileDescriptor.in), toWarden,
                MAX_MESSAGE_BYTES, this::handle);
    }

    public static void main(String[] args) {
        // Standard output is the wire; whatever the plugin prints goes to standard error, Warden's log of it.
        OutputStream toWarden = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        if (args.length < 2) {
            System.err.println("usage: PluginProcessMain PLUGIN_DIR START_MILLIS [" + ANY_JDK_CLASS + "]");
            Runtime.getRuntime().halt(2);
        }
        Path dir = Path.of(args[0]);
        Duration startLimit = Duration.ofMillis(Long.parseLong(args[1]));
        boolean anyJdkClass = args.length > 2 && ANY_JDK_CLASS.equals(args[2]);
        PluginProcessMain main = new PluginProcessMain(toWarden);
        main.wire.start();
        main.start(dir, startLimit, anyJdkClass ? BytecodeVerifier::isReservedClassName : BytecodeVerifier.standard()::mayLoadJdkClass);
        main.wire.ended().join();
        // Plugin threads must not keep the process after Warden let go of it.
        Runtime.getRuntime().halt(0);
    }

    private void start(Path dir, Duration startLimit, Predicate<String> jdkClasses) {
        ToolRunner runner = new ToolRunner();
        Path pluginsRoot = dir.toAbsolutePath().getParent().getParent().getParent();
        LoadCheck checkedByWarden = path -> new VerificationReport(0, List.of());
        StringBuilder failures = new StringBuilder();
        try {
            WardenPluginManager manager = new WardenPluginManager(pluginsRoot, List.of(dir), new PreparedPlugins(checkedByWarden),
                    jdkClasses, manifest -> {
                        RemoteContext made = new RemoteContext(new PluginInfo(manifest.id().toString(), manifest.version().toString()), this::askWarden);
                        context = made;
                        return made;
                    }, runner, startLimit);
            manager.loadAll((path, reason) -> failures.append(reason));
            manager.startPlugins();
            for (PluginWrapper wrapper : manager.getPlugins()) {
                if (wrapper.getPluginState() == PluginState.STARTED) {
                    plugin = (HostedPlugin) wrapper.getPlugin();
                } else if (wrapper.getFailedException() != null) {
                    failures.append(HostedPlugin.failure(wrapper.getFailedException()));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            failures.append(HostedPlugin.failure(e));
        }
        try {
            if (plugin != null) {
                wire.notify("ready", CapabilityMessages.object().set("tools", CapabilityMessages.array(plugin.tools())));
            } else {
                wire.notify("failed", CapabilityMessages.object().put("reason",
                        failures.length() == 0 ? "it did not start" : failures.toString()));
            }
        } catch (IOException e) {
            Runtime.getRuntime().halt(1); // Warden is gone
        }
    }

    private JsonNode askWarden(String method, JsonNode params) throws Wire.Failure {
        CompletableFuture<JsonNode> answer = wire.request(method, params);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Wire.Failure failure) {
                throw failure;
            }
            throw new IllegalStateException("Warden did not answer " + method + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Warden to answer " + method);
        }
    }

    private JsonNode handle(String method, JsonNode params) throws Wire.Failure {
        HostedPlugin running = plugin;
        if (running == null) {
            throw new Wire.Failure(CapabilityMessages.FAILED, "the plugin is not running");
        }
        try {
            return switch (method) {
                case "call" -> call(running, CapabilityMessages.text(params.get("tool")), CapabilityMessages.text(params.get("input")));
                case "scheduled.run" -> {
                    context.runScheduled(CapabilityMessages.text(params.get("schedule")));
                    yield Wire.JSON.nullNode();
                }
                case "data.receive" -> {
                    context.receive(new DataShare.Payload(CapabilityMessages.text(params.get("from")),
                            CapabilityMessages.text(params.get("topic")), CapabilityMessages.bytes(params.get("payload"))));
                    yield Wire.JSON.nullNode();
                }
                default -> throw new Wire.Failure(CapabilityMessages.FAILED, "no method '" + method + "' in a plugin process");
            };
        } catch (Wire.Failure f) {
            throw f;
        } catch (Exception e) {
            throw new Wire.Failure(CapabilityMessages.FAILED, HostedPlugin.failure(e));
        }
    }

    private static JsonNode call(HostedPlugin running, String tool, String input) throws Wire.Failure {
        var connector = running.connector(tool).orElseThrow(() ->
                new Wire.Failure(CapabilityMessages.FAILED, "the plugin runs no code for the tool '" + tool + "'"));
        try {
            ToolResult result = connector.call(new ToolCall(tool, ToolInput.parsed(input)), running.context());
            if (result == null) {
                throw new Wire.Failure(CapabilityMessages.FAILED, "the tool returned no result");
            }
            return CapabilityMessages.toolResult(result);
        } catch (ToolException e) {
            throw new Wire.Failure(CapabilityMessages.TOOL, String.valueOf(e.getMessage()));
        } catch (PermissionDeniedException e) {
            throw CapabilityMessages.failure(e);
        } catch (RuntimeException | LinkageError e) {
            throw new Wire.Failure(CapabilityMessages.FAILED, HostedPlugin.failure(e));
        }
    }
}
