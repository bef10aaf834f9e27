package dev.warden.manager.host;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.PluginContext;
import dev.warden.api.ToolException;
import dev.warden.api.ToolCall;
import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.sandbox.EgressOpening;
import dev.warden.manager.sandbox.IsolatedProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pf4j.PluginRuntimeException;
import tools.jackson.databind.JsonNode;

/**
 * One plugin running in its own plugin host process under bubblewrap (DESIGN 6.5), as Warden holds it: the
 * sandboxed JVM, the {@link Wire} to it, and the {@link CapabilityServer} that serves its capability uses from the
 * plugin's granted context. A process that ends, or is killed, fails the calls in flight with why; starting it
 * again is the host's choice.
 */
final class ProcessPlugin implements ToolBackend {

    /**
     * How the plugin host process is run.
     *
     * @param heapBytes   the JVM's heap ({@code -Xmx}); the whole process may have this plus {@link #NATIVE_BYTES}
     * @param startLimit  the longest the process may take to load and start the plugin
     * @param anyJdkClass true only in tests: the plugin may load any JDK class, so the sandbox alone holds it
     */
    record Settings(long heapBytes, Duration startLimit, boolean anyJdkClass) {
        Settings {
            if (heapBytes < 16L * 1024 * 1024) {
                throw new IllegalArgumentException("a plugin process needs at least 16 MiB of heap, was " + heapBytes);
            }
            Objects.requireNonNull(startLimit, "startLimit");
        }
    }

    /** Memory a JVM needs beyond its heap: metaspace, code, thread stacks, buffers. */
    static final long NATIVE_BYTES = 384L * 1024 * 1024;

    private final PluginManifest manifest;
    private final IsolatedProgram sandbox;
    private final Wire wire;
    private final CompletableFuture<Set<String>> ready = new CompletableFuture<>();
    private final CapabilityServer capabilities;
    private final Optional<EgressOpening> egress;
    private volatile String endedBecause;

    private ProcessPlugin(PluginManifest manifest, IsolatedProgram sandbox, PluginContext context, Optional<EgressOpening> egress) {
        this.manifest = manifest;
        this.sandbox = sandbox;
        this.egress = egress;
        this.wire = new Wire("warden-plugin-" + manifest.id(), sandbox.stdout(), sandbox.stdin(),
                PluginProcessMain.MAX_MESSAGE_BYTES, this::handle);
        this.capabilities = new CapabilityServer(context, wire::request);
        // The process's exit says more than its closed output, so a closed wire waits a moment for it; a process
        // that broke the protocol but lives on is killed: nothing it says can be trusted any more.
        wire.ended().thenCompose(why -> sandbox.onExit().completeOnTimeout(null, 2, TimeUnit.SECONDS)
                .thenAccept(code -> {
                    if (code == null) {
                        ended("it was killed: " + why);
                        sandbox.close();
                    } else {
                        ended(exitReason(code));
                    }
                }));
        sandbox.onExit().thenAccept(code -> {
            ended(exitReason(code));
            egress.ifPresent(EgressOpening::close);
        });
    }

    /**
     * Starts the plugin host process for one plugin and waits until its code has started.
     *
     * @param manifest the plugin's manifest, its code already checked
     * @param install  its install folder
     * @param context  its granted capabilities: every capability use of the process is served from these
     * @param spec     the sandbox it runs in, but for the memory limit, which {@code settings} gives
     * @throws PluginRuntimeException with a reason for the person if it could not be started, or its code did not start
     */
    static ProcessPlugin start(PluginManifest manifest, Path install, PluginContext context, IsolatedProgram.HostSetup spec,
                               Settings settings) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heapBytes() / 1024 + "k", "-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp",
                "-cp", HostClasspath.joined(), PluginProcessMain.class.getName(), install.toString(),
                Long.toString(settings.startLimit().toMillis())));
        if (settings.anyJdkClass()) {
            command.add(PluginProcessMain.ANY_JDK_CLASS);
        }
        IsolatedProgram.HostSetup limited = new IsolatedProgram.HostSetup(spec.bwrap(), spec.effective(), spec.roots(), install,
                HostClasspath.entries(), OptionalLong.of(settings.heapBytes() + NATIVE_BYTES), spec.egress());
        IsolatedProgram sandbox;
        try {
            sandbox = IsolatedProgram.startHost(limited, command);
        } catch (IOException e) {
            spec.egress().ifPresent(EgressOpening::close);
            throw new PluginRuntimeException("its sandbox could not be started: " + e.getMessage());
        }
        ProcessPlugin plugin = new ProcessPlugin(manifest, sandbox, context, spec.egress());
        plugin.wire.start();
        try {
            // the JVM's own start comes on top of the plugin's
            plugin.ready.get(settings.startLimit().toMillis() + 10_000, TimeUnit.MILLISECONDS);
            return plugin;
        } catch (TimeoutException e) {
            plugin.stop();
            throw new PluginRuntimeException("its process did not start within " + settings.startLimit().toSeconds()
                    + " s; it was killed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            plugin.stop();
            throw new PluginRuntimeException("its start was interrupted");
        } catch (ExecutionException e) {
            plugin.stop();
            throw new PluginRuntimeException(e.getCause().getMessage());
        }
    }

    @Override
    public PluginManifest manifest() {
        return manifest;
    }

    /** @return one line per mount of its sandbox: what it can reach */
    List<String> mounted() {
        return sandbox.mounted();
    }

    /** @return the tools the plugin's code serves */
    @Override
    public Set<String> tools() {
        return ready.join();
    }

    /** @return why the process is no longer running; empty while it runs */
    Optional<String> ended() {
        return Optional.ofNullable(endedBecause);
    }

    /**
     * Calls a tool in the process.
     *
     * @return completes with the tool's result, or exceptionally with a {@link ToolException} the tool threw, a
     *         {@link PermissionDeniedException} it let through, or a {@link PluginRuntimeException} saying why the call
     *         failed (the process ended, the code failed)
     */
    @Override
    public CompletableFuture<ToolResult> call(ToolCall call) {
        String ended = endedBecause;
        if (ended != null) {
            return CompletableFuture.failedFuture(new PluginRuntimeException("its process is not running: " + ended));
        }
        return wire.request("call", CapabilityMessages.object().put("tool", call.tool()).put("input", call.input().text()))
                .handle((result, error) -> {
                    if (error == null) {
                        return CapabilityMessages.toolResult(result);
                    }
                    throw new CompletionException(translate(error instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : error));
                });
    }

    private Throwable translate(Throwable error) {
        if (error instanceof Wire.Failure failure) {
            switch (failure.kind()) {
                case CapabilityMessages.TOOL:
                    return new ToolException(failure.getMessage());
                case CapabilityMessages.DENIED:
                    Optional<PermissionKind> kind = PermissionKind.byId(failure.details().path("kind").asString(""));
                    if (kind.isPresent()) {
                        return new PermissionDeniedException(kind.get().id(), failure.details().path("target").asString(""));
                    }
                    return new PluginRuntimeException(failure.getMessage());
                default:
                    return new PluginRuntimeException(failure.getMessage());
            }
        }
        if (error instanceof IOException) {
            // the wire ended: the process's exit says more than the broken pipe
            return new PluginRuntimeException("its process ended: " + awaitEnd(error.getMessage()));
        }
        return error;
    }

    /** Kills the process and everything it started; calls in flight fail saying {@code why}. */
    void kill(String why) {
        ended(why);
        sandbox.close();
        wire.close();
        egress.ifPresent(EgressOpening::close);
    }

    /** A runaway is killed, not begged (DESIGN 6.5). */
    @Override
    public void overran(String tool, Duration limit) {
        kill("it was killed after its call to " + tool + " ran past " + limit.toSeconds() + " s");
    }

    @Override
    public void stop() {
        kill("it was stopped");
    }

    private JsonNode handle(String method, JsonNode params) throws Wire.Failure {
        switch (method) {
            case "ready" -> {
                ready.complete(Set.copyOf(CapabilityMessages.texts(params.get("tools"))));
                return null;
            }
            case "failed" -> {
                ready.completeExceptionally(new PluginRuntimeException(
                        truncate(params.path("reason").asString("it did not start"))));
                return null;
            }
            default -> {
                if (!ready.isDone()) {
                    throw new Wire.Failure(CapabilityMessages.FAILED, "no capability use before the plugin has started");
                }
                return capabilities.handle(method, params);
            }
        }
    }

    private void ended(String why) {
        synchronized (this) {
            if (endedBecause == null) {
                endedBecause = why;
            }
        }
        ready.completeExceptionally(new PluginRuntimeException("its process ended before the plugin started: " + why));
    }

    /** Waits briefly for the process's exit, so a call failed by its end says why it ended. */
    private String awaitEnd(String wireSaid) {
        Integer code = null;
        try {
            code = sandbox.onExit().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // still running or unknown: the wire's reason stands
        }
        String known = endedBecause;
        if (known != null) {
            return known;
        }
        return code == null ? "its connection ended: " + wireSaid : exitReason(code);
    }

    private String exitReason(int code) {
        String said = lastLine(sandbox.stderr());
        if (said.contains("OutOfMemoryError")) {
            return "it ran out of its memory limit and was stopped (" + said + ")";
        }
        if (code == 137) {
            return "it was killed (exit 137)" + (said.isEmpty() ? "" : "; its last words: " + said);
        }
        return "exit " + code + (said.isEmpty() ? "" : "; its last words: " + said);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return truncate(lines.length == 0 ? "" : lines[lines.length - 1].strip());
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
