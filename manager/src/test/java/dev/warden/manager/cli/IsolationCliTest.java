package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.PluginSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How list, info, install, update and enable tell the person whether a plugin runs sandboxed, in-process, or not at all. */
class IsolationCliTest extends TrustedAcmeFixture {

    static final IsolationSupport WITH_BWRAP = new IsolationSupport(IsolationDecision.Verdict.PROCESS, Optional.of(Path.of("/usr/bin/bwrap")),
            "bubblewrap at /usr/bin/bwrap");
    static final IsolationSupport WITHOUT_BWRAP = new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(),
            "no bwrap on PATH; install bubblewrap for process isolation");
    static final String SERVER = "/usr/bin/true";

    /** A plugin that runs something: an MCP server its {@code .mcp.json} declares. */
    static PluginSource withServer(String name, String version) {
        return plugin("acme", name).version(version)
                .permission("mcp.server", "stdio:" + SERVER, "run the server")
                .permission("process.exec", SERVER, "the server is a program")
                .file(".mcp.json", "{\"mcpServers\": {\"s\": {\"command\": \"" + SERVER + "\"}}}");
    }

    /** A plugin that runs nothing: one skill. */
    static PluginSource skillsOnly() {
        return plugin("acme", "notes").skill("notes", "Take notes", "Write notes.");
    }

    Path bundle(PluginSource source, String fileName) throws Exception {
        return acme.signFolder(source.writeTo(temp.resolve("src").resolve(fileName)), fileName);
    }

    void requireProcessIsolationInSystemPolicy() throws Exception {
        Files.createDirectories(temp.resolve("system"));
        Files.writeString(temp.resolve("system/policy.json"), "{\"requiresProcessIsolation\": true}");
    }

    CliRunner.Result ok(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    @Test
    void installWarnsLoudlyThatAPluginWillRunInProcessAndWhy() throws Exception {
        CliRunner.Result installed = ok(warden.isolation(WITHOUT_BWRAP).run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        assertThat(installed.out()).contains("Installed acme/srv 1.0.0.");
        assertThat(installed.err()).contains("warning: acme/srv will run IN-PROCESS, inside Warden, with no OS sandbox")
                .contains("Why: no bwrap on PATH; install bubblewrap for process isolation");
    }

    @Test
    void installSaysNothingAboutIsolationWhereThePluginGetsItsOwnSandbox() throws Exception {
        CliRunner.Result installed = ok(warden.isolation(WITH_BWRAP).run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        assertThat(installed.all()).doesNotContain("IN-PROCESS").doesNotContain("NOT RUN");
    }

    @Test
    void installOfAPluginThatRunsNothingDoesNotWarnEvenWithoutBubblewrap() throws Exception {
        CliRunner.Result installed = ok(warden.isolation(WITHOUT_BWRAP).run("install", bundle(skillsOnly(), "notes").toString(), "--yes"));

        assertThat(installed.all()).doesNotContain("IN-PROCESS");
        assertThat(ok(warden.run("info", "acme/notes")).out()).contains("isolation    none needed: no code or MCP servers to run");
    }

    @Test
    void installUnderAPolicyRequiringProcessIsolationOnAMachineWithoutBubblewrapInstallsButSaysItWillNotRun() throws Exception {
        requireProcessIsolationInSystemPolicy();

        CliRunner.Result installed = ok(warden.isolation(WITHOUT_BWRAP).run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        assertThat(installed.err()).contains("warning: acme/srv will NOT RUN on this machine (installed all the same)")
                .contains("\"requiresProcessIsolation\": true in the system policy (" + temp.resolve("system/policy.json").toAbsolutePath())
                .contains("no bwrap on PATH");
        assertThat(home.resolve("plugins/acme/srv/1.0.0/.mcp.json")).exists();
    }

    @Test
    void listMarksInProcessPluginsAndSaysWhyOnce() throws Exception {
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));
        ok(warden.run("install", bundle(withServer("other", "1.0.0"), "other").toString(), "--yes"));

        String listed = ok(warden.run("list")).out();

        assertThat(listed.lines().findFirst().orElseThrow()).contains("ISOLATION");
        assertThat(listed.lines().filter(l -> l.startsWith("acme/")).toList()).hasSize(2).allMatch(l -> l.contains("in-process!"));
        assertThat(listed.lines().filter(l -> l.contains("no bwrap on PATH")).toList()).containsExactly(
                "in-process! plugins' code and MCP servers run inside Warden, with no OS sandbox: only bytecode checks"
                        + " and the broker hold it to its grants. Why: no bwrap on PATH; install bubblewrap for process isolation");
    }

    @Test
    void listShowsProcessIsolationWithoutAFootnoteWhereBubblewrapWorks() throws Exception {
        warden.isolation(WITH_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        String listed = ok(warden.run("list")).out();

        assertThat(listed.lines().filter(l -> l.startsWith("acme/srv")).findFirst().orElseThrow()).contains("  process  ");
        assertThat(listed.lines().count()).isEqualTo(2);
    }

    @Test
    void listShowsWhatPolicyAndMachineRefuseToRunWithTheRule() throws Exception {
        requireProcessIsolationInSystemPolicy();
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        String listed = ok(warden.run("list")).out();

        assertThat(listed).contains("refused!").contains("refused! plugins' code and MCP servers do not run on this machine: "
                + "\"requiresProcessIsolation\": true in the system policy");
    }

    @Test
    void listJsonCarriesEachPluginsIsolationAndItsReason() throws Exception {
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        JsonNode row = JsonMapper.builder().build().readTree(ok(warden.run("list", "--json")).out()).get(0);

        assertThat(row.get("isolation").asString()).isEqualTo("in-process");
        assertThat(row.get("isolationReason").asString()).isEqualTo("no bwrap on PATH; install bubblewrap for process isolation");
        assertThat(JsonMapper.builder().build().readTree(ok(warden.isolation(WITH_BWRAP).run("list", "--json")).out())
                .get(0).get("isolation").asString()).isEqualTo("process");
    }

    @Test
    void infoShowsHowThePluginRunsInTextAndJson() throws Exception {
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));

        assertThat(ok(warden.run("info", "acme/srv")).out()).contains("isolation    IN-PROCESS, inside Warden, with no OS sandbox")
                .contains("Why: no bwrap on PATH");
        assertThat(ok(warden.isolation(WITH_BWRAP).run("info", "acme/srv")).out())
                .contains("isolation    process, its own sandbox (bubblewrap at /usr/bin/bwrap)");
        JsonNode info = JsonMapper.builder().build().readTree(ok(warden.isolation(WITHOUT_BWRAP).run("info", "acme/srv", "--json")).out());
        assertThat(info.get("isolation").asString()).isEqualTo("in-process");
        assertThat(info.get("isolationReason").asString()).startsWith("no bwrap on PATH");
    }

    @Test
    void infoShowsARefusalWithTheUsersOwnPolicyFile() throws Exception {
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));
        Files.writeString(home.resolve("policy.json"), "{\"requiresProcessIsolation\": true}");

        assertThat(ok(warden.run("info", "acme/srv")).out()).contains("isolation    REFUSED: it will not run here.")
                .contains("in the user policy (" + home.resolve("policy.json").toAbsolutePath() + ")")
                .contains("or the rule is removed from your policy file");
    }

    @Test
    void updateAndEnableWarnAgainWhenThePluginWillRunInProcess() throws Exception {
        warden.isolation(WITHOUT_BWRAP);
        ok(warden.run("install", bundle(withServer("srv", "1.0.0"), "srv").toString(), "--yes"));
        ok(warden.run("disable", "acme/srv"));

        CliRunner.Result enabled = ok(warden.run("enable", "acme/srv"));
        CliRunner.Result updated = ok(warden.run("update", "acme/srv", "--from", bundle(withServer("srv", "1.1.0"), "srv-1.1.0").toString(),
                "--yes"));

        assertThat(enabled.err()).contains("warning: acme/srv will run IN-PROCESS");
        assertThat(updated.err()).contains("warning: acme/srv will run IN-PROCESS");
        assertThat(ok(warden.isolation(WITH_BWRAP).run("enable", "acme/srv")).err()).doesNotContain("IN-PROCESS");
    }

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Option(names = "--isolation", defaultValue = "auto", converter = IsolationRequestConverter.class,
                completionCandidates = IsolationRequestConverter.Modes.class, description = IsolationRequestConverter.DESCRIPTION)
        IsolationRequest isolation;

        @Override
        public void run() {
        }
    }

    @Test
    void theIsolationOptionReadsEachModeAndRefusesOthersNamingTheAcceptedValues() {
        Probe probe = new Probe();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(probe).setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(FailureHandler::usage);

        assertThat(cli.execute()).isZero();
        assertThat(probe.isolation).isEqualTo(IsolationRequest.AUTO);
        assertThat(cli.execute("--isolation", "in-process")).isZero();
        assertThat(probe.isolation).isEqualTo(IsolationRequest.IN_PROCESS);
        assertThat(cli.execute("--isolation", "process")).isZero();
        assertThat(probe.isolation).isEqualTo(IsolationRequest.PROCESS);
        assertThat(cli.execute("--isolation", "sandbox")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("'sandbox' is not an isolation mode; use auto, process or in-process");
    }
}
