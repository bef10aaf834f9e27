package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Exec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running programs: only granted ones, as granted, in a scrubbed environment, cut and killed at the limits. */
class GrantedExecTest {

    @TempDir
    Path temp;

    Path ws;
    Path data;
    RecordingAudit audit = new RecordingAudit();

    @BeforeEach
    void folders() throws IOException {
        temp = temp.toRealPath();
        ws = Files.createDirectories(temp.resolve("ws"));
        data = Files.createDirectories(temp.resolve("data"));
    }

    private ProtectedState wardenState() {
        return new WardenHome(temp.resolve("warden-home"), temp.resolve("system")).protectedState();
    }

    private GrantedExec grant(String... scopes) {
        return grant(ExecLimits.defaults(), scopes);
    }

    private GrantedExec grant(ExecLimits limits, String... scopes) {
        List<Permission> effective = Arrays.stream(scopes).map(s -> Permission.of(PermissionKind.PROCESS_EXEC, s, "test")).toList();
        return new GrantedExec(effective, new PluginRoots(ws, data, temp.resolve("home"), wardenState()), audit, limits);
    }

    /** As {@link #grant(String...)}, with the workspace writable: a sandboxed program sees only what is granted. */
    private GrantedExec grantInWritableWorkspace(String... scopes) {
        List<Permission> effective = new java.util.ArrayList<>(Arrays.stream(scopes)
                .map(s -> Permission.of(PermissionKind.PROCESS_EXEC, s, "test")).toList());
        effective.add(Permission.of(PermissionKind.FS_WRITE, "${workspace}/**", "test"));
        return new GrantedExec(effective, new PluginRoots(ws, data, temp.resolve("home"), wardenState()), audit,
                ExecLimits.defaults());
    }

    /** The lines of {@code env}'s output without {@code PWD}, which bubblewrap sets to the working folder. */
    private Set<String> environmentBut(String printed, Path workingFolder) {
        Set<String> lines = new java.util.HashSet<>(Set.of(printed.split("\n")));
        lines.remove("PWD=" + workingFolder);
        return lines;
    }

    private static Exec.Request request(String program, Duration timeout, String... args) {
        return new Exec.Request(program, List.of(args), new byte[0], timeout);
    }

    private void assertDenied(GrantedExec exec, Exec.Request request, String detailPart) {
        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(request)).isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(((PermissionDeniedException) e).permission()).isEqualTo(PermissionKind.PROCESS_EXEC.id()));
        RecordingAudit.Entry entry = audit.only();
        assertThat(entry.allowed()).isFalse();
        assertThat(entry.detail()).contains(detailPart);
    }

    // --- what runs ---

    @Test
    void runsAGrantedProgramAndAuditsItWithoutItsArgumentValues() throws Exception {
        Exec.Result result = grant("/usr/bin/echo").run(Exec.Request.of("/usr/bin/echo", "private-note"));

        assertThat(result).isEqualTo(new Exec.Result(0, "private-note\n", "", false));
        RecordingAudit.Entry entry = audit.only();
        assertThat(entry.kind()).isEqualTo(PermissionKind.PROCESS_EXEC);
        assertThat(entry.target()).isEqualTo("/usr/bin/echo");
        assertThat(entry.allowed()).isTrue();
        assertThat(entry.detail()).startsWith("runs with 1 argument, 0 bytes of input, timeout 60000 ms, ")
                .doesNotContain("private-note");
    }

    @Test
    void runsInTheWorkspaceWithTheRequestsInputAndReportsTheExitCode() throws Exception {
        GrantedExec exec = grant("/usr/bin/pwd", "/usr/bin/cat", "/bin/sh -c *");

        assertThat(exec.run(Exec.Request.of("/usr/bin/pwd")).stdout()).isEqualTo(ws + "\n");
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        assertThat(exec.run(new Exec.Request("/usr/bin/cat", List.of(), input, Duration.ofSeconds(30))).stdout())
                .isEqualTo("line one\nline two\n");
        Exec.Result failed = exec.run(Exec.Request.of("/bin/sh", "-c", "echo oops >&2; exit 3"));
        assertThat(failed).isEqualTo(new Exec.Result(3, "", "oops\n", false));
        assertThat(failed.succeeded()).isFalse();
    }

    @Test
    void aProgramThatDoesNotReadItsInputIsNotBlockedByIt() throws Exception {
        byte[] input = new byte[8 * 1024 * 1024];

        Exec.Result result = grant("/usr/bin/true").run(new Exec.Request("/usr/bin/true", List.of(), input, Duration.ofSeconds(30)));

        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void theEnvironmentHoldsOnlyPathLocaleAndTheDataFolderAsHome() throws Exception {
        Exec.Result result = grant("/usr/bin/env").run(Exec.Request.of("/usr/bin/env"));

        assertThat(environmentBut(result.stdout(), ws)).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=" + data,
                "LANG=C.UTF-8", "LC_ALL=C.UTF-8");
    }

    @Test
    void loaderAndJvmInjectionVariablesOfTheHostNeverReachTheProgram() throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExecEnvProbe.class.getName(), ws.toString()).redirectError(temp.resolve("probe.err").toFile());
        builder.environment().put("LD_PRELOAD", "/nonexistent/warden-probe.so");
        builder.environment().put("LD_LIBRARY_PATH", "/nonexistent/lib");
        builder.environment().put("DYLD_INSERT_LIBRARIES", "/nonexistent/probe.dylib");
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Dwarden.probe=1");
        builder.environment().put("_JAVA_OPTIONS", "-Dwarden.probe=2");
        builder.environment().put("GITHUB_TOKEN", "ghp_host-token");
        Process probe = builder.start();
        String printed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(Files.readString(temp.resolve("probe.err"))).isZero();
        assertThat(environmentBut(printed, ws)).containsExactlyInAnyOrder("PATH=/usr/bin:/bin",
                "HOME=" + ws.resolve("data"), "LANG=C.UTF-8", "LC_ALL=C.UTF-8");
    }

    // --- what is refused ---

    @Test
    void refusesAProgramNoGrantNames() {
        assertDenied(grant("/usr/bin/echo"), Exec.Request.of("/usr/bin/env"), "no process.exec grant names this program");
        assertThat(audit.only().target()).isEqualTo("/usr/bin/env");
    }

    @Test
    void refusesRelativeNamesWithoutLookingInPath() {
        GrantedExec exec = grant("/usr/bin/echo", "*");
        for (String program : List.of("echo", "./echo", "usr/bin/echo", "", "~/bin/echo")) {
            assertDenied(exec, Exec.Request.of(program), "not an absolute path");
        }
    }

    @Test
    void refusesOtherSpellingsOfAGrantedPathEvenWhenTheyLeadToTheSameFile() throws Exception {
        GrantedExec exec = grantInWritableWorkspace("/usr/bin/touch");
        for (String program : List.of("/usr/bin/../bin/touch", "/usr//bin/touch", "/usr/bin/./touch", "/bin/touch")) {
            assertDenied(exec, Exec.Request.of(program, "marker"), "no process.exec grant names this program");
        }
        assertThat(ws.resolve("marker")).doesNotExist();

        exec.run(Exec.Request.of("/usr/bin/touch", "marker"));
        assertThat(ws.resolve("marker")).exists();
    }

    @Test
    void refusesArgumentsOutsideTheGrantedPattern() throws Exception {
        GrantedExec exec = grant("/usr/bin/echo hello *");

        assertThat(exec.run(Exec.Request.of("/usr/bin/echo", "hello")).stdout()).isEqualTo("hello\n");
        assertThat(exec.run(Exec.Request.of("/usr/bin/echo", "hello", "there")).stdout()).isEqualTo("hello there\n");
        assertDenied(exec, Exec.Request.of("/usr/bin/echo", "bye"), "do not match the granted pattern 'hello *'");
        assertDenied(exec, Exec.Request.of("/usr/bin/echo"), "its 0 arguments do not match");
        assertDenied(exec, Exec.Request.of("/usr/bin/echo", "-n", "hello"), "'hello *'");
    }

    @Test
    void anyOfSeveralGrantsOfOneProgramMayAllowTheArguments() throws Exception {
        GrantedExec exec = grant("/usr/bin/echo status *", "/usr/bin/echo log");

        assertThat(exec.run(Exec.Request.of("/usr/bin/echo", "log")).stdout()).isEqualTo("log\n");
        assertDenied(exec, Exec.Request.of("/usr/bin/echo", "push"), "'status *' or 'log'");
    }

    @Test
    void refusesANulByteThatWouldCutAnArgumentShort() {
        assertDenied(grant("/usr/bin/echo"), Exec.Request.of("/usr/bin/echo", "hello\0--evil"), "NUL");
    }

    @Test
    void refusesAGrantedLinkThatNowLeadsToAnotherProgram() throws Exception {
        Path tool = Files.createSymbolicLink(temp.resolve("tool"), Path.of("/usr/bin/echo"));
        GrantedExec exec = grant(tool.toString());
        assertThat(exec.run(Exec.Request.of(tool.toString(), "hi")).stdout()).isEqualTo("hi\n");

        Files.delete(tool);
        Files.createSymbolicLink(tool, Path.of("/usr/bin/env"));

        assertDenied(exec, Exec.Request.of(tool.toString()), "now leads to /usr/bin/env, not to /usr/bin/echo");
    }

    @Test
    void aGrantedProgramThatWasMissingWhenLoadedMayNotTurnUpAsALink() throws Exception {
        Path tool = temp.resolve("tool");
        GrantedExec exec = grant(tool.toString());
        Files.createSymbolicLink(tool, Path.of("/usr/bin/env"));

        assertDenied(exec, Exec.Request.of(tool.toString()), "now leads to /usr/bin/env");
    }

    @Test
    void systemLinksThatWereThereWhenLoadedStillRun() throws Exception {
        assertThat(grant("/bin/sh -c *").run(Exec.Request.of("/bin/sh", "-c", "echo ok")).stdout()).isEqualTo("ok\n");
    }

    @Test
    void starRunsAnyAbsoluteProgram() throws Exception {
        assertThat(grant("*").run(Exec.Request.of("/usr/bin/echo", "any")).stdout()).isEqualTo("any\n");
    }

    @Test
    void aGrantedProgramThatCannotStartIsAFailureNotADenial() {
        GrantedExec exec = grant("/nonexistent/warden-tool");

        assertThatThrownBy(() -> exec.run(Exec.Request.of("/nonexistent/warden-tool")))
                .isInstanceOf(CapabilityException.class).hasMessageContaining("could not start /nonexistent/warden-tool");
        assertThat(audit.only().allowed()).isTrue();
    }

    // --- limits ---

    @Test
    void aProgramPastItsTimeoutIsKilledAndReportedAsTimedOut() throws Exception {
        long start = System.nanoTime();

        Exec.Result result = grant("/usr/bin/sleep").run(request("/usr/bin/sleep", Duration.ofMillis(300), "30"));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theTimeoutKillsEveryProcessTheProgramStarted() throws Exception {
        long start = System.nanoTime();
        // a sleep no other process runs: found by its command line, as PIDs inside a sandbox are not the host's
        String marker = "30." + System.nanoTime();

        Exec.Result result = grantInWritableWorkspace("/bin/sh -c *").run(request("/bin/sh", Duration.ofMillis(500), "-c",
                "/usr/bin/sleep " + marker + " & touch started; wait"));

        assertThat(result.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(ws.resolve("started")).exists();
        assertThat(runningWith(marker)).isEmpty();
    }

    /** The host's processes, other than this JVM, whose command line holds {@code marker}, once others had time to end. */
    static List<ProcessHandle> runningWith(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> left;
        do {
            left = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }

    @Test
    void warden_sLongestTimeoutWinsOverALongerRequest() throws Exception {
        GrantedExec exec = grant(new ExecLimits(1024, Duration.ofMillis(300)), "/usr/bin/sleep");

        Exec.Result result = exec.run(request("/usr/bin/sleep", Duration.ofMinutes(5), "30"));

        assertThat(result.timedOut()).isTrue();
        assertThat(audit.only().detail()).contains("timeout 300 ms,");
    }

    @Test
    void outputPastTheLimitIsCutAndTheCutIsToldOnStandardError() throws Exception {
        GrantedExec exec = grant(new ExecLimits(1000, Duration.ofMinutes(1)), "/bin/sh -c *");

        Exec.Result result = exec.run(Exec.Request.of("/bin/sh", "-c", "/usr/bin/seq 1 100000; /usr/bin/seq 1 100000 >&2"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).hasSize(1000).startsWith("1\n2\n3\n");
        assertThat(result.stderr()).startsWith("1\n2\n3\n").endsWith("\n[warden: standard output cut at 1000 bytes]"
                + "\n[warden: standard error cut at 1000 bytes]");
    }

    @Test
    void aCutNeverSplitsAUtf8Character() throws Exception {
        GrantedExec exec = grant(new ExecLimits(4, Duration.ofMinutes(1)), "/usr/bin/printf");

        Exec.Result result = exec.run(Exec.Request.of("/usr/bin/printf", "aaa\\303\\251\\303\\251"));

        assertThat(result.stdout()).isEqualTo("aaa");
    }

    @Test
    void outputWithinTheLimitIsWhole() throws Exception {
        GrantedExec exec = grant(new ExecLimits(6, Duration.ofMinutes(1)), "/usr/bin/printf");

        Exec.Result result = exec.run(Exec.Request.of("/usr/bin/printf", "aaa\\303\\251x"));

        assertThat(result.stdout()).isEqualTo("aaa\u00e9x");
        assertThat(result.stderr()).isEmpty();
    }
}
