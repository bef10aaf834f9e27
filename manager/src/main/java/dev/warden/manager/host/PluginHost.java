package dev.warden.manager.host;

import dev.warden.api.PluginContext;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.lifecycle.Grants;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.ManifestChangedException;
import dev.warden.manager.sandbox.EgressOpening;
import dev.warden.manager.sandbox.IsolatedProgram;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.verify.BytecodeVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Runs installed, enabled plugins (DESIGN 6): loads each with PF4J into its own isolated class loader after
 * checking its code again, gives it a context holding exactly its effective grants, starts it, and calls its
 * tools on host threads with a time limit. A plugin that fails to load or start is reported in
 * {@link #problems()} and the others run. Every tool call and capability use is in the audit log; a plugin
 * whose capability uses are denied too often is quarantined until the person enables it again.
 */
public final class PluginHost implements AutoCloseable {

    /** Where the code-check verdicts are remembered, under {@code $WARDEN_HOME}; no marketplace can be named so. */
    static final String CODE_CHECKS = "cache/.code-checks";

    /**
     * @param call         the longest a tool call may take before it is abandoned
     * @param start        the longest a plugin's start may take
     * @param denials      denied capability uses within {@code denialWindow} that quarantine a plugin
     * @param denialWindow see {@code denials}
     */
    public record Limits(Duration call, Duration start, int denials, Duration denialWindow) {

        public Limits {
            requirePositive(call, "call");
            requirePositive(start, "start");
            requirePositive(denialWindow, "denialWindow");
            if (denials < 1) {
                throw new IllegalArgumentException("denials must be at least 1, was " + denials);
            }
        }

        /** 60 s per call, 10 s per start, quarantine at 20 denials within a minute. */
        public static Limits standard() {
            return new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10), DenialWatch.DEFAULT_LIMIT, DenialWatch.DEFAULT_WINDOW);
        }

        public Limits withCall(Duration value) {
            return new Limits(value, start, denials, denialWindow);
        }

        private static void requirePositive(Duration d, String name) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
        }
    }

    /** A plugin that is not running, and why, in words for the person. */
    public record Problem(String plugin, String reason) {
    }

    private final Lifecycle lifecycle;
    private final Limits limits;
    private final ToolRunner runner = new ToolRunner();
    private final ToolCallChain chain;
    /** Each running plugin's input checks, its declared schemas read once as it loaded. */
    private final Map<PluginId, ToolInput> inputs = new ConcurrentHashMap<>();
    private final Map<PluginId, AuditTrail> trails = new ConcurrentHashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final WardenPluginManager manager;
    private final Isolation isolation;
    private final PreparedPlugins prepared;
    private final Map<PluginId, RestartingPlugin> processes = new ConcurrentHashMap<>();
    /** Each sandboxed plugin's folder, and the {@code bwrap} it runs under. */
    private final Map<Path, Path> sandboxes = new LinkedHashMap<>();
    private final WardenState state;
    private final ContextFactory contexts;

    private PluginHost(Lifecycle lifecycle, ContextFactory contexts, Predicate<PluginId> which, Limits limits,
                       BytecodeVerifier rules, Optional<LoadCheck> check, Isolation isolation) throws StateException {
        this.lifecycle = lifecycle;
        this.limits = limits;
        this.isolation = isolation;
        this.contexts = contexts;
        this.chain = new ToolCallChain(lifecycle, limits.call());
        this.prepared = new PreparedPlugins(check.orElseGet(() -> new CodeChecks(rules, lifecycle.store().home().resolve(CODE_CHECKS))));
        // Manifests are read and code checked on all cores while the catalog is read here.
        prepared.begin(lifecycle.store().home().resolve("plugins"), which);
        WardenState state = lifecycle.store().read();
        this.state = state;
        List<Path> paths = new ArrayList<>();
        for (InstalledPlugin plugin : state.plugins().values()) {
            if (plugin.status() != PluginStatus.ENABLED || !which.test(plugin.id())) {
                continue;
            }
            Optional<String> refused = lifecycle.policy().refusesPlugin(plugin.id(), plugin.version());
            if (refused.isPresent()) {
                addProblem(new Problem(plugin.id().toString(), "policy refuses it: " + refused.get()));
                continue;
            }
            try {
                // what the person reviewed is what loads: a plugin.json changed since is not loaded at all
                lifecycle.installedManifest(plugin);
            } catch (ManifestChangedException | StateException e) {
                addProblem(new Problem(plugin.id().toString(), e.getMessage()));
                continue;
            }
            Path dir = lifecycle.store().pluginDir(plugin.id(), plugin.version());
            IsolationDecision placement = hasJavaCode(dir) ? isolation.placementOf(plugin.id())
                    : IsolationDecision.inProcess("it has no code of its own");
            switch (placement.verdict()) {
                case PROCESS -> sandboxes.put(dir, placement.bwrap().orElseThrow());
                case REFUSED -> addProblem(new Problem(plugin.id().toString(), placement.reason()));
                case IN_PROCESS -> paths.add(dir);
            }
        }
        this.manager = new WardenPluginManager(lifecycle.store().home().resolve("plugins"), paths, prepared, rules::mayLoadJdkClass,
                manifest -> contextFor(manifest, effective(manifest)), runner, limits.start());
    }

    /** @return whether an installed plugin has Java code (classes/ or lib/) for a plugin host process; skills and MCP servers alone need none */
    private static boolean hasJavaCode(Path dir) {
        return Files.isDirectory(dir.resolve("classes")) || Files.isDirectory(dir.resolve("lib"));
    }

    /**
     * Loads and starts the enabled plugins {@code which} selects.
     *
     * @throws StateException if the catalog cannot be read
     */
    public static PluginHost start(Lifecycle lifecycle, ContextFactory contexts, Predicate<PluginId> which, Limits limits)
            throws StateException {
        return start(lifecycle, contexts, which, limits, Isolation.inProcess());
    }

    /**
     * As {@link #start(Lifecycle, ContextFactory, Predicate, Limits)}, each plugin placed as {@code isolation} says:
     * sandboxed plugins start in their own processes, all at once.
     *
     * @throws StateException if the catalog cannot be read
     */
    public static PluginHost start(Lifecycle lifecycle, ContextFactory contexts, Predicate<PluginId> which, Limits limits,
                                   Isolation isolation) throws StateException {
        return start(lifecycle, contexts, which, limits, Optional.empty(), isolation);
    }

    /** As {@link #start(Lifecycle, ContextFactory, Predicate, Limits)}, with the code check replaced (tests force code past it). */
    static PluginHost start(Lifecycle lifecycle, ContextFactory contexts, Predicate<PluginId> which, Limits limits,
                            Optional<LoadCheck> check) throws StateException {
        return start(lifecycle, contexts, which, limits, check, Isolation.inProcess());
    }

    static PluginHost start(Lifecycle lifecycle, ContextFactory contexts, Predicate<PluginId> which, Limits limits,
                            Optional<LoadCheck> check, Isolation isolation) throws StateException {
        PluginHost host = new PluginHost(Objects.requireNonNull(lifecycle, "lifecycle"), Objects.requireNonNull(contexts, "contexts"),
                Objects.requireNonNull(which, "which"), Objects.requireNonNull(limits, "limits"), BytecodeVerifier.standard(),
                check, Objects.requireNonNull(isolation, "isolation"));
        host.loadAndStart();
        return host;
    }

    private void loadAndStart() {
        // Sandboxed plugins start on threads of their own while PF4J loads the others here.
        List<Future<Void>> sandboxed = new ArrayList<>();
        sandboxes.forEach((dir, bwrap) -> sandboxed.add(runner.submit(() -> {
            startSandboxed(dir, bwrap).ifPresent(started -> processes.put(started.manifest().id(),
                    new RestartingPlugin(started, why -> restart(started.manifest().id(), dir, bwrap, why))));
            return null;
        })));
        manager.loadAll((path, reason) -> addProblem(new Problem(pluginOf(path), reason)));
        for (PluginWrapper wrapper : manager.getResolvedPlugins()) {
            try {
                ((HostedPlugin) wrapper.getPlugin()).beginStart();
            } catch (RuntimeException | LinkageError e) {
                // PF4J meets the same failure when it starts the plugin, and records it
            }
        }
        manager.startPlugins();
        for (PluginWrapper wrapper : List.copyOf(manager.getPlugins())) {
            if (wrapper.getPluginState() != PluginState.STARTED) {
                Throwable failure = wrapper.getFailedException();
                addProblem(new Problem(wrapper.getPluginId(), failure == null
                        ? "it did not start (" + wrapper.getPluginState() + ")" : HostedPlugin.failure(failure)));
                manager.unloadPlugin(wrapper.getPluginId());
            } else {
                HostedPlugin plugin = (HostedPlugin) wrapper.getPlugin();
                inputs.put(plugin.manifest().id(), ToolInput.of(plugin.manifest()));
            }
        }
        for (Future<Void> start : sandboxed) {
            try {
                start.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // startSandboxed reports every failure as a problem
            }
        }
    }

    /**
     * Checks a sandboxed plugin's manifest and code as PF4J's loader does, then starts its plugin host process.
     *
     * @return the started process; empty if it did not start, and why is among the {@link #problems()}
     */
    private Optional<ProcessPlugin> startSandboxed(Path dir, Path bwrap) {
        String plugin = pluginOf(dir);
        try {
            prepared.await();
            PluginManifest manifest = ((ManifestDescriptor) prepared.find(dir)).manifest();
            IsolatingPluginLoader.checkInstalledAt(manifest, dir);
            IsolatingPluginLoader.checkCode(prepared.report(dir));
            PluginId id = manifest.id();
            List<Permission> effective = effective(manifest);
            PluginContext context = contextFor(manifest, effective);
            // A plugin granted some host gets a proxy to reach it; without one the sandbox has no network at all.
            Optional<EgressOpening> egress = Optional.empty();
            if (effective.stream().anyMatch(p -> p.kind() == PermissionKind.NET_EGRESS)) {
                egress = Optional.of(EgressOpening.open(effective, trails.get(id), isolation.resolver()));
            }
            IsolatedProgram.HostSetup spec = new IsolatedProgram.HostSetup(bwrap, effective, isolation.rootsOf(id), dir,
                    List.of(), OptionalLong.empty(), egress);
            ProcessPlugin started = ProcessPlugin.start(manifest, dir, context, spec,
                    new ProcessPlugin.Settings(isolation.heapBytes(), limits.start(), isolation.anyJdkClass()));
            String undeclared = HostedPlugin.toolMismatch(manifest, started.tools());
            if (undeclared != null) {
                started.stop();
                throw new PluginRuntimeException(undeclared);
            }
            inputs.put(id, ToolInput.of(manifest));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("isolation", "process");
            details.put("egress", egress.isPresent() ? EgressOpening.INSIDE.toString() : "none");
            details.put("mounted", started.mounted());
            recordEvent(AuditEvent.PLUGIN_SANDBOX, id, details);
            return Optional.of(started);
        } catch (PluginRuntimeException e) {
            addProblem(new Problem(plugin, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            addProblem(new Problem(plugin, HostedPlugin.failure(e)));
        }
        return Optional.empty();
    }

    private String pluginOf(Path versionDir) {
        Path plugins = lifecycle.store().home().resolve("plugins");
        Path relative = plugins.relativize(versionDir);
        return relative.getNameCount() >= 2 ? relative.getName(0) + "/" + relative.getName(1) : versionDir.toString();
    }

    private List<Permission> effective(PluginManifest manifest) {
        return Grants.effective(state.grants(manifest.id()), manifest.permissions(), lifecycle.policy());
    }

    private PluginContext contextFor(PluginManifest manifest, List<Permission> effective) {
        PluginId id = manifest.id();
        AuditTrail trail = new AuditTrail(id, lifecycle.audit(), lifecycle.clock(),
                new DenialWatch(limits.denials(), limits.denialWindow()), reason -> quarantine(id, reason));
        trails.put(id, trail);
        return contexts.create(manifest, effective, trail);
    }

    private void addProblem(Problem problem) {
        synchronized (problems) {
            problems.add(problem);
        }
    }

    /** @return the plugins that were selected but are not running, with the reason */
    public List<Problem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** @return the plugins running now */
    public Set<PluginId> running() {
        Set<PluginId> running = manager.getStartedPlugins().stream().map(w -> PluginId.parse(w.getPluginId()))
                .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(PluginId::toString))));
        processes.forEach((id, process) -> {
            if (process.ended().isEmpty()) {
                running.add(id);
            }
        });
        return running;
    }

    /** @return true if the plugin runs in a plugin host process of its own, under a sandbox */
    public boolean sandboxed(PluginId id) {
        return processes.containsKey(id);
    }

    /** @return the manifest of a running plugin */
    public Optional<PluginManifest> manifest(PluginId id) {
        return backend(id).map(ToolBackend::manifest);
    }

    /**
     * Calls one declared tool of a running plugin, inside its grants.
     *
     * @return the tool's result and how the call ended; an error the tool reports, and a capability use Warden
     *         denied, come back as an error result
     * @throws ToolCallException if the call was not made or did not finish
     */
    public ToolOutcome call(PluginId id, String tool, String inputJson) throws ToolCallException {
        try {
            return callAsync(id, tool, inputJson).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ToolCallException failed) {
                throw failed;
            }
            throw e;
        }
    }

    /**
     * As {@link #call}, without holding the caller's thread: the call is checked at once (a refusal throws
     * here), then runs on its back end; the result completes with the outcome, or exceptionally with a
     * {@link ToolCallException} of reason {@code TIMED_OUT} when the call overran and was abandoned.
     *
     * @throws ToolCallException if the call is not made
     */
    public CompletableFuture<ToolOutcome> callAsync(PluginId id, String tool, String inputJson) throws ToolCallException {
        ToolBackend backend = backend(id).orElseThrow(() -> notRunning(id));
        return chain.call(backend, inputs.get(id), Optional.ofNullable(trails.get(id)), tool, inputJson);
    }

    /** @return the running plugin's back end: its process, or its code in Warden's process */
    private Optional<ToolBackend> backend(PluginId id) {
        RestartingPlugin process = processes.get(id);
        return process != null ? Optional.of(process) : hosted(id).map(ToolBackend.class::cast);
    }

    /** Starts a sandboxed plugin whose process ended again; {@link RestartingPlugin} keeps the count. */
    private ProcessPlugin restart(PluginId id, Path dir, Path bwrap, String why) throws ToolCallException {
        recordEvent(AuditEvent.PLUGIN_RESTART, id, Map.of("reason", why));
        return startSandboxed(dir, bwrap).orElseThrow(() -> notRunning(id));
    }

    private ToolCallException notRunning(PluginId id) {
        return new ToolCallException(ToolCallException.Reason.NOT_RUNNING,
                id + " is not running" + problems().stream().filter(p -> p.plugin().equals(id.toString()))
                        .map(p -> ": " + p.reason()).findFirst().orElse(""));
    }

    /**
     * Checks a call against what the plugin declares, without loading anything: the tool must be declared and
     * the input must fit its declared schema.
     *
     * @throws ToolCallException naming the tool or the JSON path that is wrong
     */
    public static void checkCall(PluginManifest manifest, String tool, String inputJson) throws ToolCallException {
        ToolInput.of(manifest).check(tool, inputJson);
    }

    private void recordEvent(AuditEvent event, PluginId id, Map<String, ?> details) {
        try {
            lifecycle.record(event, Optional.of(id), details);
        } catch (StateException e) {
            // What it records already happened; each capability use inside a call was logged before it acted.
        }
    }

    /**
     * Stops and unloads one plugin, closing its class loader.
     *
     * @return false if it was not loaded
     */
    public boolean unload(PluginId id) {
        trails.remove(id);
        inputs.remove(id);
        RestartingPlugin process = processes.remove(id);
        if (process != null) {
            process.stop();
            return true;
        }
        return manager.getPlugin(id.toString()) != null && manager.unloadPlugin(id.toString());
    }

    /** @return the class loader of a loaded plugin, for tests of its isolation */
    Optional<ClassLoader> classLoaderOf(PluginId id) {
        return Optional.ofNullable(manager.getPluginClassLoader(id.toString()));
    }

    private Optional<HostedPlugin> hosted(PluginId id) {
        PluginWrapper wrapper = manager.getPlugin(id.toString());
        if (wrapper == null || wrapper.getPluginState() != PluginState.STARTED) {
            return Optional.empty();
        }
        return Optional.of((HostedPlugin) wrapper.getPlugin());
    }

    private void quarantine(PluginId id, String reason) {
        addProblem(new Problem(id.toString(), "quarantined: " + reason));
        Quarantine.of(lifecycle, id, reason);
    }

    /** Stops every plugin and releases their class loaders. */
    @Override
    public void close() {
        // Unloading stops each plugin first; PF4J 3.15's stopPlugins() fails on its own list as it removes from it.
        manager.unloadAll();
        processes.values().forEach(RestartingPlugin::stop);
        processes.clear();
        runner.close();
    }
}
