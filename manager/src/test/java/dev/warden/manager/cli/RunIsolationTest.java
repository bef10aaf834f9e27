package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code warden run|serve --isolation}: where the plugin's code runs, and a refusal when that cannot be given here. */
class RunIsolationTest extends HomeFixture {

    Path workspace;

    @BeforeEach
    void installPeek() throws Exception {
        workspace = peekInstalledWithAWorkspace();
    }

    CliRunner.Result peek(String isolation) {
        return warden.run("run", "warden-samples/peek", "peek", "--input", "{\"path\":\"${workspace}/hello.txt\"}",
                "--workspace", workspace.toString(), "--isolation", isolation);
    }

    @Test
    void inProcessModeTheToolRunsInWardenAndNoSandboxIsRecorded() {
        CliRunner.Result run = peek("in-process");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("hello");
        assertThat(warden.run("audit", "--plugin", "warden-samples/peek", "--json").out()).doesNotContain("plugin.sandbox");
    }

    @Test
    void processModeTheToolRunsInASandboxWhoseMountsAreInTheAuditLog() {
        IsolationSupport support = IsolationSupport.here();
        assumeTrue(support.mode() == IsolationDecision.Verdict.PROCESS, "process isolation is not available here: " + support.reason());

        CliRunner.Result run = peek("process");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("hello");
        String audit = warden.run("audit", "--plugin", "warden-samples/peek", "--json").out();
        assertThat(audit).contains("\"plugin.sandbox\"").contains("\"isolation\" : \"process\"").contains(workspace.toString())
                .contains("\"egress\" : \"none\"");
    }

    @Test
    void processModeOnAMachineWithoutBwrapIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        warden.isolation(new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(),
                "no bwrap on PATH; install bubblewrap for process isolation"));
        java.util.Map<String, String> before = HomeSnapshot.of(temp.resolve("home"));

        CliRunner.Result run = peek("process");

        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).contains("no bwrap on PATH").doesNotContain("Exception");
        assertThat(HomeSnapshot.of(temp.resolve("home"))).isEqualTo(before);
    }

    @Test
    void anUnknownIsolationModeIsAUsageErrorNamingTheModes() {
        CliRunner.Result run = peek("sandbox");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("'sandbox' is not an isolation mode").contains("auto, process or in-process");
    }

    @Test
    void serveAskedForProcessModeOnAMachineWithoutBwrapRefusesBeforeServing() throws Exception {
        warden.isolation(new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(),
                "no bwrap on PATH; install bubblewrap for process isolation"));
        java.util.Map<String, String> before = HomeSnapshot.of(temp.resolve("home"));

        CliRunner.Result serve = warden.run("serve", "--isolation", "process", "--workspace", workspace.toString());

        assertThat(serve.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(serve.err()).contains("no bwrap on PATH").doesNotContain("Exception");
        assertThat(HomeSnapshot.of(temp.resolve("home"))).isEqualTo(before);
    }
}
