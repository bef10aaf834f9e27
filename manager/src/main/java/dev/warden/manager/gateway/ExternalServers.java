package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.UserConfigOptions;
import dev.warden.manager.config.PluginConfigStore;
import dev.warden.manager.config.UserConfig;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.auth.AuthHttp;
import dev.warden.manager.auth.RemoteAuthorization;
import dev.warden.manager.auth.TokenStore;
import dev.warden.manager.host.AuditTrail;
import dev.warden.manager.lifecycle.Grants;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityAudit;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.runtime.GrantedHttp;
import dev.warden.manager.runtime.HttpLimits;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.runtime.SecretStore;
import dev.warden.manager.sandbox.EgressOpening;
import dev.warden.manager.sandbox.IsolatedProgram;
import dev.warden.manager.sandbox.IsolationDecision;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The external MCP servers of the running plugins (DESIGN 3.2, 6.4): starts each server whose grants allow it
 * ({@link ServerLaunchVerifier}), offers its tools under its plugin's names ({@code <publisher>_<name>__<tool>})
 * as the pins allow ({@link PinnedTools}), forwards calls to it with a time limit, and stops it with its plugin.
 *
 * <p>Where {@code bwrap} works (the {@link IsolationDecision} says {@code process}), each server runs in its plugin's sandbox (DESIGN 6.5):
 * the system read-only, its install folder read-only, its {@code fs.read}/{@code fs.write} grants, its data folder
 * writable (its {@code HOME} and working folder), its program read-only where no system folder shows it (a
 * {@code process.exec} grant names one file, so only that file is mounted), no network but its own
 * {@link EgressOpening}, at most {@link #SERVER_MEMORY} bytes of private memory per process where {@code prlimit}
 * exists. Elsewhere it runs as a plain process, and the person is told so once per server.
 *
 * <p>Every start is audited as {@code mcp.server.start} with how it is isolated and, in a sandbox, what is mounted;
 * every server not started as {@code mcp.server.refused} or {@code mcp.server.failed} (and told on the report),
 * every call as {@code tool.call}, every connection through the egress proxy as a {@code capability} entry.
 */
final class ExternalServers implements AutoCloseable {

    /** How long a server has to answer MCP's initialisation: long enough for a runner to fetch its package. */
    static final Duration OPENING = Duration.ofSeconds(30);

    /**
     * The most private writable memory each process of a sandboxed server may hold ({@code RLIMIT_DATA}): room for a
     * Node or Java runtime, not for a runaway. No CPU-time limit: a server lives as long as the gateway, so its CPU
     * time only grows; a call that runs away is abandoned after the call limit, and the server stops with its plugin.
     */
    static final long SERVER_MEMORY = 2L * 1024 * 1024 * 1024;

    /** One server Warden started, and the tools it offers through the gateway now (gateway name → entry). */
    private static final class Running {
        final PluginId plugin;
        final String name;
        final ExternalServer server;
        volatile List<McpSchema.Tool> seen = List.of();
        volatile Map<String, PluginEntries.ToolEntry> tools = Map.of();

        Running(PluginId plugin, String name, ExternalServer server) {
            this.plugin = plugin;
            this.name = name;
            this.server = server;
        }
    }

    private final Lifecycle lifecycle;
    private final McpJsonMapper json;
    private final Duration calls;
    private final Consumer<String> report;
    private final PinnedTools pinned;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final CallEntryWriter entries;
    private final ExecutorService work = Executors.newCachedThreadPool(job -> {
        Thread thread = new Thread(job, "warden-mcp-servers");
        thread.setDaemon(true);
        return thread;
    });
    private final IsolationDecision isolation;
    /** Each plugin's denied connections, counted across its servers and their restarts within a gateway run. */
    private final Map<PluginId, AuditTrail.Denials> denials = new ConcurrentHashMap<>();
    private final Resolver resolver;
    private final BiFunction<List<Permission>, CapabilityAudit, GrantedHttp> remoteHttp;
    private final Path workspace;
    private final Path userHome;
    private final Set<String> toldUnsandboxed = ConcurrentHashMap.newKeySet();
    private volatile String pinsStamp = "";
    private int generation;

    /**
     * @param calls     the longest a forwarded call may take
     * @param report    where the person is told about servers that are not started, not sandboxed, and tools that are
     *                  not offered
     * @param isolation whether servers run in a sandbox, or without one, or not at all (as for plugins' code)
     * @param resolver  how the servers' egress proxies look names up
     * @param remoteHttp makes a plugin's {@code Http} for one origin, through which Warden reaches its remote servers
     *                  ({@link CapabilityBroker#originHttp})
     * @param workspace the folder {@code ${workspace}} stands for in the servers' grants
     * @param userHome  the folder {@code ${home}} stands for
     */
    ExternalServers(Lifecycle lifecycle, McpJsonMapper json, Duration calls, Consumer<String> report,
                    IsolationDecision isolation, Resolver resolver,
                    BiFunction<List<Permission>, CapabilityAudit, GrantedHttp> remoteHttp, Path workspace, Path userHome) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.calls = calls;
        this.report = report;
        this.entries = new CallEntryWriter(lifecycle, report);
        this.pinned = new PinnedTools(lifecycle, json, report);
        this.isolation = isolation;
        this.resolver = resolver;
        this.remoteHttp = remoteHttp;
        this.workspace = workspace;
        this.userHome = userHome;
    }

    /**
     * Starts the granted servers of the running plugins and waits up to {@code wait} for them to list their tools;
     * those that take longer are offered once they have ({@link #changed}).
     *
     * @param plugins the running plugins' installed manifests
     */
    void start(Map<PluginId, PluginManifest> plugins, Duration wait) {
        WardenState state;
        try {
            state = lifecycle.store().read();
        } catch (StateException e) {
            report.accept("warden: no MCP server is started: the catalog cannot be read: " + e.getMessage());
            return;
        }
        int startedIn;
        synchronized (this) {
            startedIn = generation;
        }
        SecretStore secrets = new SecretStore(lifecycle.store().home());
        List<CompletableFuture<Void>> opening = new ArrayList<>();
        for (Map.Entry<PluginId, PluginManifest> plugin : plugins.entrySet()) {
            PluginId id = plugin.getKey();
            PluginManifest manifest = plugin.getValue();
            Path folder = lifecycle.store().pluginDir(id, manifest.version());
            ServerDeclarationReader.Found found = ServerDeclarationReader.read(manifest, folder);
            found.problems().forEach(problem -> refused(id, Optional.empty(), problem));
            UserConfig config;
            try {
                config = new UserConfig(id, UserConfigOptions.of(manifest), new PluginConfigStore(lifecycle.store().home())
                        .values(id), secrets);
            } catch (IOException e) {
                refused(id, Optional.empty(), "its settings cannot be read: " + e.getMessage());
                continue;
            }
            // a URL filled from the settings is granted as filled: a changed setting needs a new grant
            List<Permission> requested = config.permissions(manifest.permissions());
            List<Permission> effective = Grants.effective(state.grants(id), requested, lifecycle.policy());
            ServerLaunchVerifier verifier = new ServerLaunchVerifier(id, requested, effective,
                    lifecycle.policy(), folder, lifecycle.store().dataDir(id), config);
            for (ServerDeclaration server : found.servers()) {
                try {
                    if (server.url().isPresent()) {
                        RemoteLaunch remote = verifier.verifyRemote(server);
                        opening.add(CompletableFuture.runAsync(() -> openRemote(id, effective, remote, startedIn), work));
                        continue;
                    }
                    ServerLaunch launch = verifier.verify(server);
                    opening.add(CompletableFuture.runAsync(() -> open(id, effective, folder, launch, startedIn), work));
                } catch (ServerRefusedException e) {
                    refused(id, Optional.of(server.name()), e.getMessage());
                }
            }
        }
        try {
            CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            report.accept("warden: some MCP servers are still starting; their tools are offered once they answer");
        } catch (ExecutionException e) {
            report.accept("warden: starting the MCP servers failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void open(PluginId plugin, List<Permission> effective, Path installFolder, ServerLaunch launch, int startedIn) {
        String key = key(plugin, launch.server());
        String threadName = "warden-mcp-" + plugin + "-" + launch.server();
        Running started;
        try {
            CapabilityBroker.createDataFolder(launch.directory());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("server", launch.server());
            details.put("program", launch.program().toString());
            details.put("args", launch.args().size());
            ServerProcess process;
            AutoCloseable held;
            if (isolation.refused()) {
                refused(plugin, Optional.of(launch.server()), isolation.reason());
                return;
            }
            if (isolation.bwrap().isPresent()) {
                EgressOpening egress = EgressOpening.open(effective, AuditTrail.ofServer(lifecycle, plugin, launch.server(),
                                denials.computeIfAbsent(plugin, p -> new AuditTrail.Denials())),
                        resolver);
                IsolatedProgram program;
                try {
                    program = IsolatedProgram.start(new IsolatedProgram.Setup(isolation.bwrap().get(), effective,
                            new PluginRoots(workspace, launch.directory(), userHome, lifecycle.home().protectedState()), installFolder, launch.directory(),
                            launch.program(), launch.args(), launch.env(), OptionalLong.of(SERVER_MEMORY)), egress);
                } catch (IOException | RuntimeException e) {
                    egress.close();
                    throw e;
                }
                process = ServerProcess.isolated(program);
                held = egress;
                details.put("isolation", "process");
                details.put("egress", EgressOpening.INSIDE.toString());
                details.put("mounted", program.mounted());
            } else {
                if (toldUnsandboxed.add(key)) {
                    report.accept("warden: " + plugin + ": WARNING: the MCP server '" + UnsafeCharacters.escape(launch.server())
                            + "' runs WITHOUT a sandbox, with your files and network within its reach: "
                            + isolation.reason());
                }
                process = ExternalServer.startPlain(launch, threadName);
                held = () -> { };
                details.put("isolation", "none");
                details.put("why", isolation.reason());
            }
            record(AuditEvent.MCP_SERVER_START, plugin, details);
            ExternalServer server = ExternalServer.launch(process, held, json, calls, OPENING, tools -> seen(key, tools),
                    threadName);
            started = new Running(plugin, launch.server(), server);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            failed(plugin, launch.server(), "its program could not be started: " + e.getMessage());
            return;
        }
        run(key, started, startedIn, e -> "it did not answer as an MCP server: " + reason(e));
    }

    /**
     * Connects to a remote server through the plugin's {@code Http} for its origin, so that every request passes the
     * plugin's egress checks; what is refused on the way is audited as the plugin's {@code net.egress} denial.
     */
    private void openRemote(PluginId plugin, List<Permission> effective, RemoteLaunch launch, int startedIn) {
        String key = key(plugin, launch.server());
        GrantedHttp http = remoteHttp.apply(effective, firstReaches(AuditTrail.ofServer(lifecycle, plugin, launch.server(),
                denials.computeIfAbsent(plugin, p -> new AuditTrail.Denials()))));
        record(AuditEvent.MCP_SERVER_START, plugin, Map.of("server", launch.server(), "url", launch.url(),
                "isolation", "remote", "transport", launch.transport(), "headers", List.copyOf(launch.headers().keySet())));
        RemoteAuthorization authorization = new RemoteAuthorization(new TokenStore(lifecycle.store().home()),
                new AuthHttp(), lifecycle.clock(), plugin, launch.server(), launch.url());
        ExternalServer server = ExternalServer.remote(problems -> launch.transport().equals(ServerDeclaration.LEGACY_SSE)
                ? new LegacySseTransport(http, launch.url(), launch.headers(), launch.secrets(), json, OPENING,
                        HttpLimits.defaults().maxResponseBytes(), problems)
                : new RemoteServerTransport(http, launch.url(), launch.headers(), launch.secrets(), json, calls, problems,
                        Optional.of(authorization)),
                calls, OPENING, tools -> seen(key, tools));
        run(key, new Running(plugin, launch.server(), server), startedIn, e -> "it could not be reached as an MCP server at "
                + UnsafeCharacters.escape(launch.url()) + ": " + innermostReason(e));
    }

    /**
     * Warden's own connection to a remote server sends every message to the declared URL, and each call already has
     * its {@code tool.call} entry: of the requests let through, the first of each kind (target, method, address) is
     * audited, so that a redirect within the origin or a new address still shows; every refusal is audited. An entry
     * for each message would double the cost of every call (an audit entry is made durable before the call goes on).
     */
    private static CapabilityAudit firstReaches(CapabilityAudit trail) {
        Set<String> reached = ConcurrentHashMap.newKeySet();
        return (kind, target, allowed, detail) -> {
            if (!allowed || reached.add(kind.id() + " " + target + " " + detail)) {
                trail.record(kind, target, allowed, detail);
            }
        };
    }

    /** Keeps a server that is starting, unless the gateway stopped meanwhile, and opens its session. */
    private void run(String key, Running started, int startedIn, Function<RuntimeException, String> failure) {
        boolean current;
        synchronized (this) {
            current = startedIn == generation;
            if (current) {
                running.put(key, started);
            }
        }
        if (!current) {
            started.server.close();
            return;
        }
        try {
            seen(key, started.server.open());
        } catch (RuntimeException e) {
            if (running.remove(key, started)) {
                failed(started.plugin, started.name, failure.apply(e) + started.server.lastWords());
                started.server.close();
            }
        }
    }

    /** Takes a tool list the server showed, compares it with the pins, and marks the gateway's lists as changed. */
    private void seen(String key, List<McpSchema.Tool> tools) {
        Running server = running.get(key);
        if (server != null) {
            server.seen = List.copyOf(tools);
            admit(server);
        }
    }

    private void admit(Running server) {
        server.tools = pinned.entries(server.plugin, server.name, server.seen);
        changed.set(true);
    }

    /**
     * @param loaded the running plugins' own tools, prompts and resources
     * @return the same, each plugin's tools joined by those of its servers; a server's tool whose name a connector
     *         or a server earlier by name already takes is left out, and the person told
     */
    Map<PluginId, PluginEntries> withTools(Map<PluginId, PluginEntries> loaded) {
        Map<PluginId, List<Running>> byPlugin = new HashMap<>();
        running.values().forEach(r -> byPlugin.computeIfAbsent(r.plugin, k -> new ArrayList<>()).add(r));
        Map<PluginId, PluginEntries> joined = new LinkedHashMap<>();
        for (Map.Entry<PluginId, PluginEntries> plugin : loaded.entrySet()) {
            Set<String> taken = new HashSet<>(plugin.getValue().tools().keySet());
            Map<String, PluginEntries.ToolEntry> more = new LinkedHashMap<>();
            List<Running> servers = new ArrayList<>(byPlugin.getOrDefault(plugin.getKey(), List.of()));
            servers.sort(Comparator.comparing(r -> r.name));
            for (Running server : servers) {
                for (PluginEntries.ToolEntry tool : server.tools.values()) {
                    if (taken.add(tool.tool().name())) {
                        more.put(tool.tool().name(), tool);
                    } else {
                        pinned.tellOnce("the tool '" + tool.pluginTool() + "' of " + plugin.getKey() + "'s MCP server '"
                                + server.name + "' is not offered: the plugin already offers a tool of that name");
                    }
                }
            }
            joined.put(plugin.getKey(), plugin.getValue().withTools(more));
        }
        return joined;
    }

    /**
     * @return whether the servers' tools changed since the last call: a server listed its tools, said they
     *         changed, or the pins were changed (by {@code warden review})
     */
    boolean changed() {
        String stamp = stamp(pinned.file());
        if (!stamp.equals(pinsStamp)) {
            pinsStamp = stamp;
            running.values().forEach(this::admit);
        }
        return changed.getAndSet(false);
    }

    /** Forwards one call of a server's tool, unless the tool is held; the result is scanned like every tool result. */
    McpSchema.CallToolResult call(PluginId plugin, PluginEntries.ToolEntry entry, Map<String, Object> arguments, ResultScan scan) {
        String name = entry.tool().name();
        Running server = running.get(key(plugin, entry.server().orElseThrow()));
        PluginEntries.ToolEntry now = server == null ? null : server.tools.get(name);
        if (now == null) {
            return ToolResults.error(name + " is not available: the MCP server '" + entry.server().get() + "' of " + plugin
                    + " is not running or no longer offers it");
        }
        if (!PinnedTools.isListed(now.tool())) {
            long refused = System.nanoTime();
            entries.record(plugin, server.name, now.pluginTool(), "refused", refused, refused);
            return ToolResults.error(name + " changed since you approved it; run 'warden review " + plugin + "'");
        }
        long started = System.nanoTime();
        McpSchema.CallToolResult result;
        String outcome;
        try {
            result = server.server.call(now.pluginTool(), arguments);
            outcome = Boolean.TRUE.equals(result.isError()) ? "error" : "ok";
        } catch (RuntimeException e) {
            outcome = isTimeout(e) ? "abandoned" : e instanceof McpError ? "error" : "failed";
            result = ToolResults.error(outcome.equals("abandoned")
                    ? name + " did not answer within " + calls.toSeconds() + " s; the call was abandoned"
                    : name + " failed: " + reason(e));
        }
        entries.record(plugin, server.name, now.pluginTool(), outcome, started, System.nanoTime());
        return scan.of(plugin, name, now.pluginTool(), server.name, result);
    }

    /** Stops every server, each as {@link ExternalServer#close} says, all at once; servers still starting are stopped as they come up. */
    void stop() {
        List<Running> stopping;
        synchronized (this) {
            generation++;
            stopping = List.copyOf(running.values());
            running.clear();
        }
        CompletableFuture.allOf(stopping.stream().map(r -> CompletableFuture.runAsync(r.server::close, work))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void close() {
        stop();
        work.shutdownNow();
        entries.close();
    }

    private void refused(PluginId plugin, Optional<String> server, String reason) {
        String which = server.map(s -> "the MCP server '" + UnsafeCharacters.escape(s) + "'").orElse("an MCP server");
        report.accept("warden: " + plugin + ": " + which + " is not started: " + reason);
        record(AuditEvent.MCP_SERVER_REFUSED, plugin, Map.of("server", server.orElse(""), "reason", reason));
    }

    private void failed(PluginId plugin, String server, String reason) {
        report.accept("warden: " + plugin + ": the MCP server '" + UnsafeCharacters.escape(server) + "' is not available: "
                + UnsafeCharacters.escape(reason));
        record(AuditEvent.MCP_SERVER_FAILED, plugin, Map.of("server", server, "reason", reason));
    }

    private void record(AuditEvent event, PluginId plugin, Map<String, ?> details) {
        try {
            lifecycle.record(event, Optional.of(plugin), details);
        } catch (StateException e) {
            report.accept("warden: could not write the audit log: " + e.getMessage());
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : UnsafeCharacters.escape(e.getMessage());
    }

    /** @return the message of the innermost cause that has one: the MCP client wraps what its transport threw */
    private static String innermostReason(Throwable e) {
        String message = null;
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : UnsafeCharacters.escape(message);
    }

    private static String key(PluginId plugin, String server) {
        return plugin + " " + server;
    }

    private static String stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "-";
        }
    }
}
