package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.cli.CliRunner;
import dev.warden.manager.cli.Publisher;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.testing.PluginSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.pf4j.DefaultPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;

/**
 * PERFORMANCE.md: loading and starting 200 installed plugins with Warden's host (code re-checked with the
 * cached verdict, isolated class loaders, contexts of granted capabilities) against plain PF4J loading and
 * starting the same plugin folders (target ≤ 1.3×; the issue says ≤ 1.5×). Unloading is not measured: it is
 * done after each invocation. Run with {@code bench/plugin-load.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PluginLoadBenchmark {

    static final int PLUGINS = 200;

    private Path root;
    private Lifecycle lifecycle;
    private CapabilityBroker broker;
    private List<Path> folders;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        root = Files.createTempDirectory("warden-load-bench");
        Path home = root.resolve("home");
        CliRunner warden = new CliRunner(home, root.resolve("system"));
        Publisher bench = new Publisher(warden, root.resolve("bench"), "bench").trusted();
        Path classes = new HostFixture.Compiler(root.resolve("compiled")).compile(PluginHostTest.code("bench", "", "\"echo\"",
                "return ToolResult.text(call.input().text());"));
        for (int i = 0; i < PLUGINS; i++) {
            Path src = PluginSource.plugin("bench", "plugin-" + i).pluginClass("com.acme.bench.Main")
                    .permission("fs.read", "${workspace}/**", "read").connector("echo", "Echo")
                    .writeTo(root.resolve("src").resolve("plugin-" + i));
            HostFixture.copyClasses(classes, src.resolve("classes"));
            Path bundle = bench.signFolder(src, "plugin-" + i);
            CliRunner.Result installed = warden.run("install", bundle.toString(), "--yes");
            Assertions.assertEquals(0, installed.exitCode(), installed.all());
        }
        lifecycle = Lifecycle.open(new WardenHome(home, root.resolve("system")), warden.environment(), Clock.systemUTC(),
                Consent.none());
        broker = CapabilityBroker.Factory.SYSTEM.create(lifecycle.store(), CapabilityBroker.Surroundings.of(
                Files.createDirectories(root.resolve("workspace")), Map.of(), path -> false, notice -> { }));
        folders = new ArrayList<>();
        for (int i = 0; i < PLUGINS; i++) {
            Path folder = lifecycle.store().pluginDir(PluginId.parse("bench/plugin-" + i), dev.warden.catalog.manifest.Version.parse("1.0.0"));
            Files.writeString(folder.resolve("plugin.properties"), "plugin.id=bench/plugin-" + i + "\nplugin.version=1.0.0\n"
                    + "plugin.class=com.acme.bench.Main\n", StandardCharsets.UTF_8);
            folders.add(folder);
        }
        try (PluginHost host = warden()) {
            if (host.running().size() != PLUGINS) {
                throw new IllegalStateException("only " + host.running().size() + " plugins started: " + host.problems());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        broker.close();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private PluginHost warden() throws Exception {
        return PluginHost.start(lifecycle, broker::contextFor, id -> true, PluginHost.Limits.standard());
    }

    /** What the invocation loaded, unloaded after it outside the measured time. */
    private AutoCloseable loaded;

    @TearDown(Level.Invocation)
    public void unload() throws Exception {
        if (loaded != null) {
            loaded.close();
            loaded = null;
        }
    }

    @Benchmark
    public int wardenHost() throws Exception {
        PluginHost host = warden();
        loaded = host;
        return host.running().size();
    }

    @Benchmark
    public int plainPf4j() {
        DefaultPluginManager manager = new DefaultPluginManager(root.resolve("home/plugins")) {
            @Override
            protected PluginRepository createPluginRepository() {
                return new ListedPluginRepository(folders);
            }

            @Override
            protected PluginFactory createPluginFactory() {
                return PlainPlugin::new;
            }
        };
        manager.loadPlugins();
        manager.startPlugins();
        loaded = manager::unloadPlugins;
        return manager.getStartedPlugins().size();
    }

    /** What plain PF4J runs: the plugin's class created and started, with no capabilities and no checks. */
    private static final class PlainPlugin extends Plugin {
        private final PluginWrapper wrapper;

        PlainPlugin(PluginWrapper wrapper) {
            this.wrapper = wrapper;
        }

        @Override
        public void start() {
            try {
                Class<?> type = wrapper.getPluginClassLoader().loadClass(wrapper.getDescriptor().getPluginClass());
                dev.warden.api.WardenPlugin plugin = (dev.warden.api.WardenPlugin) type.getConstructor().newInstance();
                plugin.start(null);
                plugin.connectors();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
