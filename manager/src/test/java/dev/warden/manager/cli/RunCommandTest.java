package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code warden run}: what it prints and how it exits for a good call, and for each kind of bad one. */
class RunCommandTest extends HomeFixture {

    Path workspace;

    @BeforeEach
    void installPeek() throws Exception {
        workspace = peekInstalledWithAWorkspace();
    }

    private CliRunner.Result peek(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "run";
        args[1] = "warden-samples/peek";
        args[2] = "--workspace";
        args[3] = workspace.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return warden.run(args);
    }

    @Test
    void printsTheToolsAnswerAndExitsZero() {
        CliRunner.Result run = peek("peek", "--input", "{\"path\":\"${workspace}/hello.txt\"}");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).isEqualTo("hello\n");
    }

    @Test
    void printsJsonWithTheOutcomeWhenAsked() {
        CliRunner.Result run = peek("peek", "--input", "{\"path\":\"${workspace}/hello.txt\"}", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"content\" : \"hello\"").contains("\"outcome\" : \"ok\"");
    }

    @Test
    void aDeniedCapabilityUseExitsThreeAndSaysWhatWasDenied() {
        CliRunner.Result run = peek("peek", "--input", "{\"path\":\"${home}/.ssh/id_rsa\"}");

        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).contains("Warden denied warden-samples/peek fs.read");
    }

    @Test
    void badInputIsRefusedBeforeThePluginRunsNamingTheProblem() throws Exception {
        Map<String, String> before = HomeSnapshot.of(temp.resolve("home"));

        CliRunner.Result notJson = peek("peek", "--input", "{path:");
        CliRunner.Result missing = peek("peek", "--input", "{}");
        CliRunner.Result wrongType = peek("peek", "--input", "{\"path\":7}");
        CliRunner.Result unknownTool = peek("shell", "--input", "{}");

        assertThat(notJson.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notJson.err()).contains("not valid JSON");
        assertThat(missing.err()).contains("$.path is required");
        assertThat(wrongType.err()).contains("$.path must be a string");
        assertThat(unknownTool.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownTool.err()).contains("has no tool 'shell'; its tools: peek");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(temp.resolve("home"))))
                .isEqualTo(StaticMarketplaceTest.withoutAudit(before));
    }

    @Test
    void badOptionsAndUnknownPluginsAreClearErrors() {
        CliRunner.Result noWorkspace = warden.run("run", "warden-samples/peek", "peek", "--workspace", temp.resolve("nope").toString());
        CliRunner.Result zeroTimeout = peek("peek", "--timeout", "0");
        CliRunner.Result unknown = warden.run("run", "acme/nothing", "peek");

        assertThat(noWorkspace.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noWorkspace.err()).contains("is not a folder");
        assertThat(zeroTimeout.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zeroTimeout.err()).contains("--timeout must be at least 1 second");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("acme/nothing").doesNotContain("Exception");
    }

    @Test
    void aDisabledPluginIsRefusedWithHowToTurnItOn() {
        assertThat(warden.run("disable", "warden-samples/peek").exitCode()).isZero();

        CliRunner.Result run = peek("peek", "--input", "{\"path\":\"${workspace}/hello.txt\"}");

        assertThat(run.exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(run.err()).contains("warden-samples/peek is disabled").contains("warden enable warden-samples/peek");
    }
}
