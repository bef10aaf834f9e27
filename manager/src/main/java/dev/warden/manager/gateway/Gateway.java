package dev.warden.manager.gateway;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.host.Isolation;
import dev.warden.manager.host.PluginHost;
import dev.warden.manager.host.ToolCallException;
import dev.warden.manager.host.ToolOutcome;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP gateway (DESIGN 6.4): one MCP server through which every enabled plugin's tools, skills and
 * sub-agents appear, each tool call running inside its own plugin's grants. It watches the catalog: when a
 * plugin is installed, updated, enabled, disabled, quarantined or removed, the plugins are loaded again and the
 * client is told that the lists changed. Scheduled jobs of plugins run only while a gateway runs. The external
 * MCP servers plugins declare start and stop with them, inside their grants, and their tools are offered among
 * the plugins' own ({@link ExternalServers}).
 */
public final class Gateway implements AutoCloseable {

    /**
     * @param poll   how often the catalog is checked for changes
     * @param tick   how often scheduled jobs are looked at
     * @param limits    the host's limits for calls and starts
     * @param isolation where plugins' code runs: in Warden's process, or each in a sandbox of its own
     */
    public record Settings(Duration poll, Duration tick, PluginHost.Limits limits, IsolationDecision isolation) {

        public Settings {
            Objects.requireNonNull(poll, "poll");
            Objects.requireNonNull(tick, "tick");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(isolation, "isolation");
        }

        /** The catalog checked every second, jobs every 15 seconds, the host's standard limits, plugins in Warden's process. */
        public static Settings standard() {
            return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(15), PluginHost.Limits.standard(),
                    IsolationDecision.inProcess("asked for in-process"));
        }

        /** @return these settings with plugins placed as {@code decision} says */
        public Settings with(IsolationDecision decision) {
            return new Settings(poll, tick, limits, decision);
        }
    }

    private final Lifecycle lifecycle;
    private final CapabilityBroker broker;
    private final Settings settings;
    private final Consumer<String> report;
    private final McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private final McpAsyncServer server;
    private final ScheduledExecutorService timer;
    private boolean closed;
    private final ExternalServers servers;
    private final ResultScan scan;
    private volatile PluginHost host;
    /** What the running plugins offer themselves, without their external servers' tools. */
    private Map<PluginId, PluginEntries> loaded = Map.of();
    private Map<PluginId, PluginEntries> shown;
    private String fingerprint = "";

    private Gateway(Lifecycle lifecycle, CapabilityBroker broker, McpServer.AsyncSpecification<?> specification,
                    Settings settings, Consumer<String> report) {
        this.lifecycle = lifecycle;
        this.broker = broker;
        this.settings = settings;
        this.report = report;
        String version = Gateway.class.getPackage().getImplementationVersion();
        this.scan = new ResultScan(lifecycle, json, report);
        this.servers = new ExternalServers(lifecycle, json, settings.limits().call(), report, settings.isolation(),
                broker.resolver(), broker::originHttp, broker.surroundings().workspace(), broker.surroundings().userHome());
        // The first plugins are loaded before the server answers anyone, so the first list a client sees is whole.
        Map<PluginId, PluginEntries> first = load().orElse(Map.of());
        List<McpServerFeatures.AsyncToolSpecification> tools = new ArrayList<>();
        List<McpServerFeatures.AsyncPromptSpecification> prompts = new ArrayList<>();
        List<McpServerFeatures.AsyncResourceSpecification> resources = new ArrayList<>();
        for (PluginEntries plugin : first.values()) {
            plugin.tools().values().forEach(t -> tools.add(toolSpecification(plugin.plugin(), t)));
            plugin.prompts().values().forEach(p -> prompts.add(promptSpecification(p)));
            plugin.resources().values().forEach(r -> resources.add(resourceSpecification(r)));
        }
        this.shown = Map.copyOf(first);
        this.server = specification
                .serverInfo("warden", version == null ? "development" : version)
                .jsonMapper(json)
                // The host checks every call's input against the declared schema before the plugin sees it.
                .validateToolInputs(false)
                .instructions("Warden serves the tools, skills (as prompts) and sub-agents of the plugins the person"
                        + " installed and enabled. Each tool runs only with the permissions the person granted its plugin;"
                        + " a result flagged under _meta." + ToolResults.FLAGS + " contains text that may be aimed at you.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).prompts(true).resources(false, true).build())
                .addToolFilter((context, tool) -> Mono.just(PinnedTools.isListed(tool)))
                .tools(tools)
                .prompts(prompts)
                .resources(resources)
                .build();
        this.timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "warden-gateway-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the gateway on {@code transport}, which serves one client (stdio), with every enabled plugin loaded.
     *
     * @param report where Warden tells the person about plugins that did not start (standard error under stdio)
     */
    public static Gateway start(Lifecycle lifecycle, CapabilityBroker broker, McpServerTransportProvider transport,
                                Settings settings, Consumer<String> report) {
        return start(lifecycle, broker, McpServer.async(transport), settings, report);
    }

    /**
     * Starts the gateway on {@code transport}, which serves a session for each client that connects (Streamable
     * HTTP), with every enabled plugin loaded.
     *
     * @param report where Warden tells the person about plugins that did not start
     */
    public static Gateway start(Lifecycle lifecycle, CapabilityBroker broker, McpStreamableServerTransportProvider transport,
                                Settings settings, Consumer<String> report) {
        return start(lifecycle, broker, McpServer.async(transport), settings, report);
    }

    private static Gateway start(Lifecycle lifecycle, CapabilityBroker broker, McpServer.AsyncSpecification<?> specification,
                                 Settings settings, Consumer<String> report) {
        Gateway gateway = new Gateway(lifecycle, broker, specification, settings, report);
        broker.scheduler().start();
        gateway.timer.scheduleWithFixedDelay(gateway::refreshQuietly, settings.poll().toMillis(), settings.poll().toMillis(),
                TimeUnit.MILLISECONDS);
        gateway.timer.scheduleWithFixedDelay(() -> broker.scheduler().tick(), settings.tick().toMillis(),
                settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        return gateway;
    }

    /** @return the plugins running now */
    public List<PluginId> running() {
        return List.copyOf(host.running());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            report.accept("warden: could not reload the plugins: " + e.getMessage());
        }
    }

    /** Loads the plugins again if the catalog changed since the last look, and tells the client what changed. */
    synchronized void refresh() {
        if (catalogFingerprint().equals(fingerprint)) {
            if (servers.changed()) {
                show(servers.withTools(loaded));
            }
            return;
        }
        load().ifPresent(this::show);
    }

    /** Stops the plugins running now and starts the enabled ones; empty if the catalog cannot be read. */
    private Optional<Map<PluginId, PluginEntries>> load() {
        fingerprint = catalogFingerprint();
        PluginHost previous = host;
        servers.stop();
        if (previous != null) {
            previous.running().forEach(broker::forget);
            previous.close();
        }
        PluginHost next;
        try {
            next = PluginHost.start(lifecycle, broker::contextFor, id -> true, settings.limits(),
                    Isolation.of(settings.isolation(), broker));
        } catch (StateException e) {
            report.accept("warden: cannot read the catalog: " + e.getMessage());
            return Optional.empty();
        }
        host = next;
        next.problems().forEach(p -> report.accept("warden: " + p.plugin() + " is not available: " + p.reason()));
        Map<PluginId, PluginEntries> entries = new LinkedHashMap<>();
        for (PluginId id : next.running()) {
            PluginManifest manifest = next.manifest(id).orElseThrow();
            Path folder = lifecycle.store().pluginDir(id, manifest.version());
            try {
                entries.put(id, PluginEntries.of(manifest, folder, json));
            } catch (IOException | RuntimeException e) {
                report.accept("warden: " + id + " is not available: its files cannot be read: " + e.getMessage());
            }
        }
        loaded = Map.copyOf(entries);
        Map<PluginId, PluginManifest> manifests = new LinkedHashMap<>();
        entries.keySet().forEach(id -> manifests.put(id, next.manifest(id).orElseThrow()));
        servers.start(manifests, settings.limits().start());
        return Optional.of(servers.withTools(loaded));
    }

    private void show(Map<PluginId, PluginEntries> entries) {
        boolean tools = update(shown, entries, PluginEntries::tools, name -> server.removeTool(name).block(),
                (plugin, tool) -> server.addTool(toolSpecification(plugin, tool)).block());
        boolean prompts = update(shown, entries, PluginEntries::prompts, name -> server.removePrompt(name).block(),
                (plugin, prompt) -> server.addPrompt(promptSpecification(prompt)).block());
        boolean resources = update(shown, entries, PluginEntries::resources, uri -> server.removeResource(uri).block(),
                (plugin, resource) -> server.addResource(resourceSpecification(resource)).block());
        shown = Map.copyOf(entries);
        // The SDK tells connected clients as each item is added or removed; these cover clients that missed one.
        if (tools) {
            server.notifyToolsListChanged().block();
        }
        if (prompts) {
            server.notifyPromptsListChanged().block();
        }
        if (resources) {
            server.notifyResourcesListChanged().block();
        }
    }

    /**
     * Brings one kind of entry the server shows from {@code before} to {@code now}. A changed entry is added over
     * the old one, which the SDK replaces under the same name, so a name that stays is never missing: a client
     * that calls a tool whose listing just changed reaches Warden's answer for it, never "Unknown tool". Only names
     * that are gone are removed.
     *
     * @return whether anything changed
     */
    private static <E> boolean update(Map<PluginId, PluginEntries> before, Map<PluginId, PluginEntries> now,
                                      Function<PluginEntries, Map<String, E>> kind, Consumer<String> remove,
                                      BiConsumer<PluginId, E> add) {
        Map<String, E> old = new HashMap<>();
        before.values().forEach(e -> old.putAll(kind.apply(e)));
        Set<String> kept = new HashSet<>();
        boolean changed = false;
        for (PluginEntries plugin : now.values()) {
            for (Map.Entry<String, E> entry : kind.apply(plugin).entrySet()) {
                kept.add(entry.getKey());
                if (!entry.getValue().equals(old.get(entry.getKey()))) {
                    add.accept(plugin.plugin(), entry.getValue());
                    changed = true;
                }
            }
        }
        for (String name : old.keySet()) {
            if (!kept.contains(name)) {
                remove.accept(name);
                changed = true;
            }
        }
        return changed;
    }

    private static McpServerFeatures.AsyncPromptSpecification promptSpecification(PluginEntries.PromptEntry entry) {
        return new McpServerFeatures.AsyncPromptSpecification(entry.prompt(), (exchange, request) ->
                Mono.just(new McpSchema.GetPromptResult(entry.prompt().description(), List.of(new McpSchema.PromptMessage(
                        McpSchema.Role.USER, new McpSchema.TextContent(entry.text()))))));
    }

    private static McpServerFeatures.AsyncResourceSpecification resourceSpecification(PluginEntries.ResourceEntry entry) {
        return new McpServerFeatures.AsyncResourceSpecification(entry.resource(), (exchange, request) ->
                Mono.fromCallable(() -> readResource(entry)).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * A plugin's own tool answers from the host's call threads without holding the transport's; an external
     * server's tool is a blocking client call, so it runs on a pool thread.
     */
    private McpServerFeatures.AsyncToolSpecification toolSpecification(PluginId plugin, PluginEntries.ToolEntry entry) {
        String name = entry.tool().name();
        return McpServerFeatures.AsyncToolSpecification.builder().tool(entry.tool())
                .callHandler((exchange, request) -> entry.server().isPresent()
                        ? Mono.fromCallable(() -> servers.call(plugin, entry, request.arguments(), scan)).subscribeOn(Schedulers.boundedElastic())
                        : Mono.fromFuture(() -> call(plugin, name, entry.pluginTool(), request.arguments())))
                .build();
    }

    /** Runs one tool call inside its plugin's grants; Warden's refusals and denials come back as tool errors. */
    CompletableFuture<McpSchema.CallToolResult> call(PluginId plugin, String name, String tool, Map<String, Object> arguments) {
        return answer(plugin, name, tool, arguments).thenApply(Answer::result);
    }

    private CompletableFuture<Answer> answer(PluginId plugin, String name, String tool, Map<String, Object> arguments) {
        String input;
        try {
            input = json.writeValueAsString(arguments == null ? Map.of() : arguments);
        } catch (IOException e) {
            return CompletableFuture.completedFuture(new Answer(ToolResults.error("the arguments could not be read: "
                    + e.getMessage()), false));
        }
        try {
            return host.callAsync(plugin, tool, input).handle((outcome, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    return new Answer(ToolResults.error(cause instanceof ToolCallException refused ? refused.getMessage()
                            : "the call failed: " + cause), false);
                }
                return new Answer(scan.of(plugin, name, tool, outcome.result()), outcome.kind() == ToolOutcome.Kind.DENIED);
            });
        } catch (ToolCallException e) {
            return CompletableFuture.completedFuture(new Answer(ToolResults.error(e.getMessage()), false));
        }
    }

    /**
     * How a call made through {@link #call(String, Map)} ended.
     *
     * @param result what a client would have received
     * @param denied whether Warden denied a capability use the tool needed
     */
    public record Answer(McpSchema.CallToolResult result, boolean denied) {
    }

    /** @return the name a client sees {@code plugin}'s tool {@code tool} under, e.g. {@code acme_weather__forecast} */
    public static String toolName(PluginId plugin, String tool) {
        return GatewayNames.of(plugin, tool);
    }

    /**
     * Calls a tool the way a client's {@code tools/call} reaches it, for Warden's own callers ({@code warden dev call}):
     * a plugin's own tool, or one of its MCP servers', each inside the plugin's grants, audited and scanned.
     *
     * @param name the tool's name in the gateway ({@link #toolName})
     * @return empty when no running plugin, and no server started so far, offers a tool of that name
     */
    public Optional<Answer> call(String name, Map<String, Object> arguments) {
        Map<PluginId, PluginEntries> now;
        synchronized (this) {
            now = servers.withTools(loaded);
        }
        for (PluginEntries plugin : now.values()) {
            PluginEntries.ToolEntry entry = plugin.tools().get(name);
            if (entry == null) {
                continue;
            }
            if (entry.server().isPresent()) {
                return Optional.of(new Answer(servers.call(plugin.plugin(), entry, arguments, scan), false));
            }
            return Optional.of(answer(plugin.plugin(), name, entry.pluginTool(), arguments).join());
        }
        return Optional.empty();
    }

    /** @return the names of the tools the running plugins and the servers started so far offer */
    public synchronized List<String> toolNames() {
        List<String> names = new ArrayList<>();
        servers.withTools(loaded).values().forEach(p -> names.addAll(p.tools().keySet()));
        return names;
    }

    private static McpSchema.ReadResourceResult readResource(PluginEntries.ResourceEntry entry) {
        try {
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(entry.resource().uri(),
                    entry.resource().mimeType(), PluginEntries.read(entry.file()))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + entry.resource().uri() + ": " + e.getMessage(), e);
        }
    }

    private String catalogFingerprint() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("catalog.json", "grants.json", "policy.json", "secrets/secrets.json")) {
            Path file = lifecycle.store().home().resolve(name);
            try {
                out.append(name).append(Files.getLastModifiedTime(file).toMillis()).append(':').append(Files.size(file)).append(';');
            } catch (IOException e) {
                out.append(name).append("-;");
            }
        }
        return out.toString();
    }

    /**
     * Stops watching, stops every plugin and server, writes their calls' audit entries and closes the MCP server; a
     * second close, say from a stopping JVM's hook, waits for the first.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        broker.scheduler().stop();
        servers.close();
        if (host != null) {
            host.running().forEach(broker::forget);
            host.close();
        }
        server.closeGracefully().block(Duration.ofSeconds(5));
    }
}
