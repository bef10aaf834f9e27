package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import dev.warden.manager.testing.WardenProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

    @TempDir
    Path temp;

    @Test
    void twoProcessesInstallingDifferentPluginsAtOnceBothEndInstalled() throws Exception {
        CliRunner warden = new CliRunner(temp.resolve("home"), temp.resolve("system"));
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        Path weather = acme.sign(plugin("acme", "weather").skill("w", "Weather", "Forecasts."), "weather-1.0.0");
        Path notes = acme.sign(plugin("acme", "notes").skill("n", "Notes", "Take notes."), "notes-1.0.0");

        Process first = WardenProcess.start(warden.environment(), temp.resolve("first.log"), "install", weather.toString(), "--yes");
        Process second = WardenProcess.start(warden.environment(), temp.resolve("second.log"), "install", notes.toString(), "--yes");

        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(temp.resolve("first.log"))).isZero();
        assertThat(second.exitValue()).as(Files.readString(temp.resolve("second.log"))).isZero();
        assertThat(warden.run("list").out()).contains("acme/weather").contains("acme/notes");
        assertThat(warden.run("audit", "verify").exitCode()).isZero();
    }

    @Test
    void aCommandThatCannotGetTheLockSaysWhoHoldsIt() throws Exception {
        Path home = temp.resolve("home");
        CliRunner warden = new CliRunner(home, temp.resolve("system")).env("WARDEN_LOCK_WAIT", "1");
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        Path weather = acme.sign(plugin("acme", "weather"), "weather-1.0.0");
        Files.createDirectories(home);

        CliRunner.Result busy;
        try (StateLock held = new StateStore(home).lock(Duration.ofSeconds(5), "test holding the lock")) {
            busy = warden.run("install", weather.toString(), "--yes");
        }

        assertThat(busy.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(busy.err()).contains("test holding the lock").contains(String.valueOf(ProcessHandle.current().pid()));
        assertThat(warden.run("install", weather.toString(), "--yes").exitCode()).isZero();
    }
}
