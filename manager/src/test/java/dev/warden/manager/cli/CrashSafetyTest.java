package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.testing.PluginSource;
import dev.warden.manager.testing.WardenProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a separate Warden process with SIGKILL at random moments of install, update, revoke and
 * remove, and checks after each kill that the next command sees one consistent state (THREATS.md,
 * "Faults"). {@code -Dwarden.crash.iterations=200} (bench/crash-test.sh) runs the long version.
 */
class CrashSafetyTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");

    @TempDir
    Path temp;

    @Test
    void killNineAtAnyMomentLeavesAConsistentStateThatTheNextCommandUses() throws Exception {
        int iterations = Integer.getInteger("warden.crash.iterations", 16);
        long seed = Long.getLong("warden.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path home = temp.resolve("home");
        CliRunner warden = new CliRunner(home, temp.resolve("system"));
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        Path v1 = acme.sign(bulky(plugin("acme", "weather").version("1.0.0")), "weather-1.0.0");
        Path v2 = acme.sign(bulky(plugin("acme", "weather").version("2.0.0")), "weather-2.0.0");

        long fullRunMillis = timed(warden, home, "install", v1.toString(), "--yes");
        assertThat(warden.run("remove", "acme/weather").exitCode()).isZero();

        int killed = 0;
        for (int i = 0; i < iterations; i++) {
            String[] step = nextStep(new StateStore(home).read(), v1, v2);
            Process child = WardenProcess.start(warden.environment(), temp.resolve("child.log"), step);
            Thread.sleep(random.nextLong(Math.max(1, fullRunMillis)));
            if (child.isAlive()) {
                child.destroyForcibly();
                killed++;
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertConsistent(home);
            CliRunner.Result next = warden.run(nextStep(new StateStore(home).read(), v1, v2));
            assertThat(next.exitCode()).as("seed " + seed + ", after killing '" + String.join(" ", step) + "':\n" + next.all())
                    .isZero();
            assertConsistent(home);
            assertThat(warden.run("audit", "verify").exitCode()).as("seed " + seed).isZero();
        }
        assertThat(killed).as("kills that hit a running command (seed " + seed + ")").isPositive();
    }

    /** A plugin with enough files that the kill lands inside extraction and renames, not only JVM start. */
    private static PluginSource bulky(PluginSource source) {
        source.permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("briefing", "Give a weather briefing", "Call the forecast tool.");
        for (int i = 0; i < 300; i++) {
            source.file("assets/part-" + i + ".txt", ("forecast data " + i + "\n").repeat(100));
        }
        return source;
    }

    /** Cycles install → update → revoke → grant → remove, whatever state a kill left behind. */
    private static String[] nextStep(WardenState state, Path v1, Path v2) {
        if (state.plugin(WEATHER).isEmpty()) {
            return new String[] {"install", v1.toString(), "--yes"};
        }
        InstalledPlugin plugin = state.plugin(WEATHER).get();
        if (plugin.version().toString().equals("1.0.0")) {
            return new String[] {"update", "acme/weather", "--from", v2.toString(), "--yes"};
        }
        if (state.grants(WEATHER).isActive(dev.warden.catalog.manifest.PermissionKind.NET_EGRESS, "https://api.weather.gov")) {
            return new String[] {"revoke", "acme/weather", "net.egress", "https://api.weather.gov"};
        }
        return new String[] {"remove", "acme/weather", "--purge"};
    }

    private static long timed(CliRunner warden, Path home, String... args) throws Exception {
        Process child = WardenProcess.start(warden.environment(), home.getParent().resolve("timed.log"), args);
        long start = System.nanoTime();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(home.getParent().resolve("timed.log"))).isZero();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** Catalog, grants and files agree; recovery leaves no staging, journal or unreferenced version. */
    private static void assertConsistent(Path home) throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock lock = store.lock(Duration.ofSeconds(30), "crash test check")) {
            WardenState state = store.read();
            for (InstalledPlugin plugin : state.plugins().values()) {
                Path manifest = store.pluginDir(plugin.id(), plugin.version()).resolve("plugin.json");
                assertThat(manifest).exists();
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest))))
                        .isEqualTo(plugin.manifestSha256());
                if (plugin.status() == dev.warden.catalog.state.PluginStatus.ENABLED) {
                    var parsed = dev.warden.catalog.manifest.ManifestParser.standard().parse(Files.readAllBytes(manifest));
                    for (var permission : parsed.permissions()) {
                        if (!permission.optional()) {
                            assertThat(state.grants(plugin.id()).isActive(permission))
                                    .as("enabled " + plugin.id() + " lacks " + permission).isTrue();
                        }
                    }
                }
            }
            assertThat(state.grants().keySet()).isSubsetOf(state.plugins().keySet());
            Path plugins = home.resolve("plugins");
            if (Files.exists(plugins)) {
                try (Stream<Path> versions = Files.walk(plugins, 3)) {
                    List<Path> found = versions.filter(p -> plugins.relativize(p).getNameCount() == 3).toList();
                    for (Path version : found) {
                        PluginId id = new PluginId(version.getParent().getParent().getFileName().toString(),
                                version.getParent().getFileName().toString());
                        assertThat(state.plugin(id)).as("unreferenced " + version).isPresent();
                    }
                }
            }
            if (Files.exists(store.stagingDir())) {
                try (Stream<Path> leftovers = Files.list(store.stagingDir())) {
                    assertThat(leftovers).isEmpty();
                }
            }
        }
    }
}
