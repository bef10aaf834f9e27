package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code list} and {@code list --json} run without picocli, and print, fail and exit exactly as the same command
 * parsed by picocli does ({@code --home} before the command sends a line through picocli).
 */
class DirectCommandsTest extends TrustedAcmeFixture {

    @BeforeEach
    void twoPluginsAreInstalled() throws Exception {
        ok("install", acme.sign(plugin("acme", "notes").skill("notes", "Take notes", "Write notes."), "notes").toString(), "--yes");
        ok("install", acme.sign(plugin("acme", "a-much-longer-plugin-name").skill("jot", "Jot", "Jot things."), "long")
                .toString(), "--yes");
    }

    @Test
    void listPrintsTheTablePicocliWouldRun() {
        CliRunner.Result direct = ok("list");

        assertThat(direct.out()).contains("acme/notes", "acme/a-much-longer-plugin-name", "PLUGIN");
        assertThat(direct).isEqualTo(ok("--home", home.toString(), "list"));
    }

    @Test
    void listJsonPrintsTheRowsPicocliWouldRun() {
        CliRunner.Result direct = ok("list", "--json");

        assertThat(direct.out()).contains("\"id\"", "acme/notes");
        assertThat(direct).isEqualTo(ok("--home", home.toString(), "list", "--json"));
    }

    @Test
    void aFailingListReportsTheSameMessageAndExitCodeAsUnderPicocli() throws Exception {
        Files.writeString(home.resolve("policy.json"), "{ not json");

        CliRunner.Result direct = warden.run("list");

        assertThat(direct.exitCode()).isNotZero();
        assertThat(direct.err()).startsWith("warden: ");
        assertThat(direct).isEqualTo(warden.run("--home", home.toString(), "list"));
    }

    @Test
    void onlyTheBareFormsOfListRunWithoutPicocli() {
        CliContext context = new CliContext(Map.of("WARDEN_HOME", home.toString()), new BufferedReader(Reader.nullReader()),
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), Clock.systemUTC(), false);

        assertThat(DirectCommands.run(context, "list")).isPresent();
        assertThat(DirectCommands.run(context, "list", "--json")).isPresent();
        assertThat(DirectCommands.run(context, "list", "--help")).isEmpty();
        assertThat(DirectCommands.run(context, "list", "--json", "--debug")).isEmpty();
        assertThat(DirectCommands.run(context, "list", "extra")).isEmpty();
        assertThat(DirectCommands.run(context, "--home", home.toString(), "list")).isEmpty();
        assertThat(DirectCommands.run(context, "search", "x")).isEmpty();
        assertThat(DirectCommands.run(context)).isEmpty();
    }
}
