package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.host.PluginHost;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.testing.FixturePlugin;
import dev.warden.manager.testing.LocalMcpServer;
import dev.warden.manager.testing.PluginSource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark fixture (bench/gateway-latency.sh): the median latency of a trivial tool call made in-process
 * through the plugin host, and of the same call made by an MCP client in another process through
 * {@code warden serve} over stdio; prints both and the overhead (issue 6 target ≤ 1 ms, PERFORMANCE.md ≤ 0.5 ms).
 * Both paths write the same audit entry per call, and the two kinds of call alternate. The second row is a remote
 * plugin's tool (a Streamable HTTP MCP server of the SDK on 127.0.0.1, {@link LocalMcpServer}) called by the SDK's
 * client straight over Streamable HTTP, and through {@code warden serve} over stdio, which forwards it through the
 * plugin's egress checks with its secret header (PERFORMANCE.md: ≤ 1 ms added). A gateway runs for hours, so
 * what is measured is the steady state: each run starts a fresh {@code warden serve} and client, warms both (and the
 * in-process path) with WARMUP calls of each kind, then times CALLS of each; the median of the runs' overheads is
 * the result. A short warm-up measures mostly the JIT of the client's own MCP library, in another process.
 * Usage: GatewayLatency WORK_DIR [CALLS] [WARMUP] [RUNS] (defaults 1000, 3000, 5).
 */
public final class GatewayLatency {

    private static final String REMOTE_TOKEN = "bench-remote-token";

    private GatewayLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path home = work.resolve("home");
        CliRunner warden = new CliRunner(home, work.resolve("system"));
        Publisher bench = new Publisher(warden, work.resolve("publisher"), "bench").trusted();
        Path src = PluginSource.plugin("bench", "echo").pluginClass("com.acme.echo.Main")
                .connector("echo", "Says the input back").writeTo(work.resolve("src/echo"));
        FixturePlugin.in(work.resolve("compiled")).source("com.acme.echo.Main", """
                package com.acme.echo;
                import dev.warden.api.*;
                import java.util.List;
                import java.util.Set;
                public final class Main implements WardenPlugin, Connector {
                    public void start(PluginContext context) { }
                    public List<Connector> connectors() { return List.of(this); }
                    public void stop() { }
                    public Set<String> tools() { return Set.of("echo"); }
                    public ToolResult call(ToolCall call, PluginContext context) { return ToolResult.text(call.input().text()); }
                }
                """).buildInto(src);
        CliRunner.Result installed = warden.run("install", bench.signFolder(src, "echo").toString(), "--yes");
        if (installed.exitCode() != 0) {
            throw new IllegalStateException(installed.all());
        }
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        PluginId echo = PluginId.parse("bench/echo");
        try (LocalMcpServer remote = LocalMcpServer.withLookupTool(Collections.synchronizedList(new ArrayList<>()))) {
            installed = warden.run("install", bench.signFolder(LocalMcpServer.plugin("bench", "remote", remote.url(), false)
                    .writeTo(work.resolve("src/remote")), "remote").toString(), "--yes");
            CliRunner.Result stored = warden.piping(REMOTE_TOKEN).run("secret", "set", "bench_remote__"
                    + LocalMcpServer.TOKEN_REFERENCE);
            if (installed.exitCode() != 0 || stored.exitCode() != 0) {
                throw new IllegalStateException(installed.all() + stored.all());
            }
            measureRuns(warden, home, work, workspace, echo, remote, calls, warmup, runs);
        }
        System.exit(0); // the SDK's MCP server leaves a thread behind that is not a daemon
    }

    private static void measureRuns(CliRunner warden, Path home, Path work, Path workspace, PluginId echo,
                                    LocalMcpServer remote, int calls, int warmup, int runs) throws Exception {
        Lifecycle lifecycle = Lifecycle.open(new WardenHome(home, work.resolve("system")), warden.environment(), Clock.systemUTC(),
                Consent.none());
        double[] overheads = new double[runs];
        double[] remoteAdded = new double[runs];
        for (int run = 0; run < runs; run++) {
            double[] medians = measure(lifecycle, warden.environment(), workspace, echo, remote, warmup, calls);
            overheads[run] = medians[1] - medians[0];
            remoteAdded[run] = medians[3] - medians[2];
            System.out.printf("run %d: in-process %.3f ms   through serve/stdio %.3f ms   overhead %.3f ms%n",
                    run + 1, medians[0], medians[1], overheads[run]);
            System.out.printf("run %d: remote tool, direct %.3f ms   through serve/stdio %.3f ms   added %.3f ms%n",
                    run + 1, medians[2], medians[3], remoteAdded[run]);
        }
        Arrays.sort(overheads);
        Arrays.sort(remoteAdded);
        System.out.printf("overhead, median of %d runs: %.3f ms   (target <= 1 ms per issue 6, <= 0.5 ms per PERFORMANCE.md)%n",
                runs, overheads[runs / 2]);
        System.out.printf("remote tool call added, median of %d runs: %.3f ms   (target <= 1 ms per issue 17 and PERFORMANCE.md)%n",
                runs, remoteAdded[runs / 2]);
    }

    /**
     * One run: a fresh {@code warden serve}, its client and a client straight to the remote server, {@code warmup}
     * calls of each kind, then {@code calls} of each, timed. The kinds of call alternate, so that all meet the same
     * disk and machine noise.
     *
     * @return the medians in milliseconds: in-process, through serve, remote direct, remote through serve
     */
    private static double[] measure(Lifecycle lifecycle, Map<String, String> env, Path workspace, PluginId echo,
                                     LocalMcpServer remote, int warmup, int calls) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ServerParameters server = ServerParameters.builder(java)
                .args("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.warden.manager.cli.WardenMain",
                        "serve", "--isolation", "in-process", "--workspace", workspace.toString())
                .env(env).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(JsonMapper.builder().build())))
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
        McpSyncClient direct = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + remote.port())
                        .endpoint("/mcp").jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build())).build())
                .requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60)).build();
        long[] local = new long[calls];
        long[] served = new long[calls];
        long[] remoteDirect = new long[calls];
        long[] remoteServed = new long[calls];
        try (CapabilityBroker broker = CapabilityBroker.Factory.SYSTEM.create(lifecycle.store(),
                CapabilityBroker.Surroundings.of(workspace, Map.of(), path -> false, notice -> { }));
             PluginHost host = PluginHost.start(lifecycle, broker::contextFor, id -> true, PluginHost.Limits.standard())) {
            client.initialize();
            direct.initialize();
            McpSchema.CallToolRequest request = new McpSchema.CallToolRequest("bench_echo__echo", Map.of("n", 1));
            McpSchema.CallToolRequest lookup = new McpSchema.CallToolRequest("lookup", Map.of("query", "x"));
            McpSchema.CallToolRequest remoteLookup = new McpSchema.CallToolRequest("bench_remote__lookup", Map.of("query", "x"));
            if (!client.listTools().tools().stream().anyMatch(t -> t.name().equals(remoteLookup.name()))) {
                throw new IllegalStateException("warden serve does not offer " + remoteLookup.name());
            }
            for (int i = 0; i < warmup; i++) {
                host.call(echo, "echo", "{\"n\":1}");
                client.callTool(request);
                direct.callTool(lookup);
                client.callTool(remoteLookup);
            }
            for (int i = 0; i < calls; i++) {
                local[i] = timed(() -> host.call(echo, "echo", "{\"n\":1}"));
                served[i] = timed(() -> client.callTool(request));
                remoteDirect[i] = timed(() -> direct.callTool(lookup));
                remoteServed[i] = timed(() -> client.callTool(remoteLookup));
            }
        } finally {
            client.closeGracefully();
            direct.closeGracefully();
        }
        return new double[] {median(local), median(served), median(remoteDirect), median(remoteServed)};
    }

    /** A call whose time is measured. */
    private interface Call {
        void run() throws Exception;
    }

    /** @return how long {@code call} took, in nanoseconds */
    private static long timed(Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    /** Median in milliseconds. */
    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
