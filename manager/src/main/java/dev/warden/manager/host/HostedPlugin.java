package dev.warden.manager.host;

import dev.warden.api.Connector;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.api.WardenPlugin;
import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginManifest;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;

/**
 * One loaded plugin as PF4J holds it: its manifest, its context of granted capabilities and, once started,
 * its code's tools. Starting creates the plugin's {@link WardenPlugin} and runs its {@code start} on a host
 * thread with a time limit; a plugin whose code serves a tool its manifest does not declare (or declares a
 * tool its code does not serve) fails to start (DESIGN 3.1).
 */
final class HostedPlugin extends Plugin implements ToolBackend {

    private final PluginManifest manifest;
    private final Optional<Class<? extends WardenPlugin>> code;
    private final PluginContext context;
    private final ToolRunner runner;
    private final Duration limit;
    private volatile WardenPlugin instance;
    private volatile Map<String, Connector> tools = Map.of();
    private Future<Void> starting;

    HostedPlugin(PluginManifest manifest, Optional<Class<? extends WardenPlugin>> code, PluginContext context,
                 ToolRunner runner, Duration limit) {
        this.manifest = manifest;
        this.code = code;
        this.context = context;
        this.runner = runner;
        this.limit = limit;
    }

    @Override
    public PluginManifest manifest() {
        return manifest;
    }

    @Override
    public Set<String> tools() {
        return tools.keySet();
    }

    PluginContext context() {
        return context;
    }

    /** @return the connector serving {@code tool}, once started */
    Optional<Connector> connector(String tool) {
        return Optional.ofNullable(tools.get(tool));
    }

    /** Runs the call on a host thread; a call abandoned past its time limit has its thread interrupted. */
    @Override
    public CompletableFuture<ToolResult> call(ToolCall call) {
        Optional<Connector> connector = connector(call.tool());
        if (connector.isEmpty()) {
            return CompletableFuture.failedFuture(new PluginRuntimeException("it serves no tool '" + call.tool() + "'"));
        }
        return runner.start(() -> connector.get().call(call, context));
    }

    /** Nothing more to do: {@link ToolRunner#start} interrupts the work once its result is completed from outside. */
    @Override
    public void overran(String tool, Duration limit) {
    }

    /** Begins creating and starting the plugin's code on a host thread, so that many plugins start at once. */
    synchronized void beginStart() {
        if (code.isPresent() && starting == null) {
            starting = runner.submit(() -> {
                WardenPlugin created = create(code.get());
                created.start(context);
                tools = toolsOf(created);
                instance = created;
                return null;
            });
        }
    }

    @Override
    public void start() {
        if (code.isEmpty()) {
            return;
        }
        beginStart();
        Future<Void> started;
        synchronized (this) {
            started = starting;
            starting = null;
        }
        try {
            runner.await(started, limit);
        } catch (TimeoutException e) {
            throw new PluginRuntimeException("it did not start within " + limit.toSeconds() + " s; the start was abandoned");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginRuntimeException("its start was interrupted");
        } catch (ExecutionException e) {
            throw new PluginRuntimeException(failure(e.getCause()));
        }
    }

    /** PF4J stops it as it unloads it; the host never stops it otherwise. */
    @Override
    public void stop() {
        WardenPlugin running = instance;
        instance = null;
        tools = Map.of();
        if (running == null) {
            return;
        }
        try {
            runner.run(() -> {
                running.stop();
                return null;
            }, limit);
        } catch (TimeoutException | ExecutionException e) {
            // Stopping is the plugin's last chance to tidy up; its failure changes nothing for the host.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static WardenPlugin create(Class<? extends WardenPlugin> type) throws Exception {
        Constructor<? extends WardenPlugin> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new PluginRuntimeException("its plugin class " + type.getName() + " has no public constructor without parameters");
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Map<String, Connector> toolsOf(WardenPlugin plugin) {
        Map<String, Connector> served = new HashMap<>();
        List<Connector> connectors = plugin.connectors();
        for (Connector connector : connectors == null ? List.<Connector>of() : connectors) {
            for (String tool : connector.tools()) {
                if (served.putIfAbsent(tool, connector) != null) {
                    throw new PluginRuntimeException("two of its connectors serve the tool '" + tool + "'");
                }
            }
        }
        String mismatch = toolMismatch(manifest, served.keySet());
        if (mismatch != null) {
            throw new PluginRuntimeException(mismatch);
        }
        return Map.copyOf(served);
    }

    /**
     * @return why the tools a plugin's code serves do not match those its manifest declares (DESIGN 3.1), or null
     *         when they match
     */
    static String toolMismatch(PluginManifest manifest, Set<String> served) {
        for (String tool : served) {
            if (manifest.connector(tool).isEmpty()) {
                return "its code serves the tool '" + tool
                        + "', which its plugin.json does not declare (every tool must be declared so it can be reviewed)";
            }
        }
        for (ConnectorSpec declared : manifest.connectors()) {
            if (!served.contains(declared.name())) {
                return "its plugin.json declares the tool '" + declared.name() + "', which its code does not serve";
            }
        }
        return null;
    }

    /** Plain words for what went wrong in plugin code; a missing class usually means the allowlist refused it. */
    static String failure(Throwable cause) {
        if (cause instanceof PluginRuntimeException e) {
            return e.getMessage();
        }
        if (cause instanceof NoClassDefFoundError e) {
            return "its code needs a class it may not use: " + e.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
