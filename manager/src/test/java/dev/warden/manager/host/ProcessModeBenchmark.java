package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.cli.CliRunner;
import dev.warden.manager.cli.Publisher;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.FixturePlugin;
import dev.warden.manager.testing.PluginSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Benchmark fixture (bench/process-mode.sh): one plugin in {@code process} mode (its own JVM under bubblewrap,
 * capabilities over the wire) against the same plugin {@code in-process}: the median start of a host with the
 * plugin, and the median latency of a trivial tool call and of a call that reads a granted file through the
 * {@code Files} capability. Prints each pair and the difference (issue 7: call overhead ≤ 2 ms, start ≤ 1.5 s;
 * PERFORMANCE.md: ≤ 1 ms added, start ≤ 1 s). The two modes alternate, so both meet the same machine noise.
 * Usage: ProcessModeBenchmark WORK_DIR [CALLS] [STARTS].
 */
public final class ProcessModeBenchmark {

    private ProcessModeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int starts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        IsolationSupport support = IsolationSupport.here();
        if (support.bwrap().isEmpty()) {
            System.err.println("process mode is not available here: " + support.reason());
            System.exit(1);
        }
        Path home = work.resolve("home");
        CliRunner warden = new CliRunner(home, work.resolve("system"));
        Publisher bench = new Publisher(warden, work.resolve("publisher"), "bench").trusted();
        Path workspace = Files.createDirectories(work.resolve("workspace"));
        Files.writeString(workspace.resolve("note.txt"), "a short note");
        install(warden, bench, work);
        PluginId id = PluginId.parse("bench/probe");

        Lifecycle lifecycle = Lifecycle.open(new WardenHome(home, work.resolve("system")), warden.environment(), Clock.systemUTC(),
                Consent.none());
        try (CapabilityBroker broker = CapabilityBroker.Factory.SYSTEM.create(lifecycle.store(),
                CapabilityBroker.Surroundings.of(workspace, Map.of(), path -> false, notice -> { }))) {
            Isolation sandboxed = Isolation.of(p -> IsolationDecision.process(support.bwrap().get(), support.reason()), broker::rootsOf,
                    broker.resolver(), Isolation.DEFAULT_HEAP_BYTES);
            Isolation inProcess = Isolation.inProcess();

            long[] startSandboxed = new long[starts];
            long[] startInProcess = new long[starts];
            for (int i = -1; i < starts; i++) { // the first round warms up
                long t = System.nanoTime();
                try (PluginHost host = PluginHost.start(lifecycle, broker::contextFor, id::equals, PluginHost.Limits.standard(), sandboxed)) {
                    host.call(id, "echo", "{}");
                    if (i >= 0) {
                        startSandboxed[i] = System.nanoTime() - t;
                    }
                }
                t = System.nanoTime();
                try (PluginHost host = PluginHost.start(lifecycle, broker::contextFor, id::equals, PluginHost.Limits.standard(), inProcess)) {
                    host.call(id, "echo", "{}");
                    if (i >= 0) {
                        startInProcess[i] = System.nanoTime() - t;
                    }
                }
            }

            long[][] sandboxedCalls = new long[2][calls];
            long[][] inProcessCalls = new long[2][calls];
            try (PluginHost process = PluginHost.start(lifecycle, broker::contextFor, id::equals, PluginHost.Limits.standard(), sandboxed);
                 PluginHost local = PluginHost.start(lifecycle, broker::contextFor, id::equals, PluginHost.Limits.standard(), inProcess)) {
                String[] tools = {"echo", "read"};
                for (int round = 0; round < 2; round++) { // the first round warms up
                    for (int i = 0; i < calls; i++) {
                        for (int tool = 0; tool < tools.length; tool++) {
                            long t = System.nanoTime();
                            process.call(id, tools[tool], "{}");
                            sandboxedCalls[tool][i] = System.nanoTime() - t;
                            t = System.nanoTime();
                            local.call(id, tools[tool], "{}");
                            inProcessCalls[tool][i] = System.nanoTime() - t;
                        }
                    }
                }
            }
            report("start with one plugin (ms)", median(startSandboxed), median(startInProcess), "start <= 1000 ms per PERFORMANCE.md, <= 1500 ms per issue 7");
            report("trivial tool call (ms)", median(sandboxedCalls[0]), median(inProcessCalls[0]), "added <= 1 ms per PERFORMANCE.md, <= 2 ms per issue 7");
            report("call reading a file (ms)", median(sandboxedCalls[1]), median(inProcessCalls[1]), "");
        }
    }

    private static void report(String what, double process, double inProcess, String target) {
        System.out.printf("%-28s process %9.3f   in-process %9.3f   added %9.3f   ratio %6.2fx   %s%n",
                what, process, inProcess, process - inProcess, process / inProcess, target);
    }

    private static void install(CliRunner warden, Publisher bench, Path work) throws Exception {
        Path src = PluginSource.plugin("bench", "probe").pluginClass("com.acme.probe.Main")
                .permission("fs.read", "${workspace}/**", "reads the note")
                .connector("echo", "Says the input back").connector("read", "Reads the note").writeTo(work.resolve("src/probe"));
        FixturePlugin.in(work.resolve("compiled")).source("com.acme.probe.Main", """
                package com.acme.probe;
                import dev.warden.api.*;
                import java.util.List;
                import java.util.Set;
                public final class Main implements WardenPlugin, Connector {
                    public void start(PluginContext context) { }
                    public List<Connector> connectors() { return List.of(this); }
                    public void stop() { }
                    public Set<String> tools() { return Set.of("echo", "read"); }
                    public ToolResult call(ToolCall call, PluginContext context) throws ToolException {
                        if (call.tool().equals("echo")) {
                            return ToolResult.text(call.input().text());
                        }
                        try {
                            return ToolResult.text(new String(context.files().read("${workspace}/note.txt").orElseThrow(),
                                    java.nio.charset.StandardCharsets.UTF_8));
                        } catch (dev.warden.api.capability.CapabilityException e) {
                            throw new ToolException(e.getMessage());
                        }
                    }
                }
                """).buildInto(src);
        CliRunner.Result installed = warden.run("install", bench.signFolder(src, "probe").toString(), "--yes");
        if (installed.exitCode() != 0) {
            throw new IllegalStateException(installed.all());
        }
    }

    /** Median in milliseconds. */
    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
