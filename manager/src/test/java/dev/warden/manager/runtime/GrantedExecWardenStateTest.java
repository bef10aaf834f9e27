package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Exec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationSupport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code process.exec} and Warden's own state, for a client started in the person's home (the workspace holds
 * {@code $WARDEN_HOME}): a granted program is never pointed at the state, run from it, or run inside it.
 */
class GrantedExecWardenStateTest {

    static final String SECRET = "state-secret-planted-by-the-test";

    @TempDir
    Path temp;

    Path home;
    Path wardenHome;
    Path data;
    RecordingAudit audit = new RecordingAudit();

    @BeforeEach
    void folders() throws IOException {
        home = Files.createDirectories(temp.toRealPath().resolve("home"));
        wardenHome = Files.createDirectories(home.resolve("warden-state"));
        data = Files.createDirectories(wardenHome.resolve("data/acme/tool"));
        Files.writeString(wardenHome.resolve("gateway-token"), SECRET);
        Files.createDirectories(wardenHome.resolve("secrets"));
        Files.writeString(wardenHome.resolve("secrets/secrets.json"), SECRET);
        Files.writeString(home.resolve("notes.txt"), "mine");
        Files.writeString(wardenHome.resolve("grants.json"), SECRET);
    }

    /** Scopes are {@code process.exec} grants, or {@code fs.read}/{@code fs.write} ones when written with that prefix. */
    GrantedExec grant(Path workspace, String... scopes) {
        return grant(workspace, IsolationSupport.here(), scopes);
    }

    GrantedExec grant(Path workspace, IsolationSupport support, String... scopes) {
        List<Permission> effective = Arrays.stream(scopes).map(GrantedExecWardenStateTest::permission).toList();
        return new GrantedExec(effective, new PluginRoots(workspace, data, home,
                new WardenHome(wardenHome, home.resolve("warden-system")).protectedState()), audit, ExecLimits.defaults(),
                support);
    }

    private static Permission permission(String scope) {
        for (PermissionKind kind : List.of(PermissionKind.FS_READ, PermissionKind.FS_WRITE)) {
            if (scope.startsWith(kind.id() + " ")) {
                return Permission.of(kind, scope.substring(kind.id().length() + 1), "test");
            }
        }
        return Permission.of(PermissionKind.PROCESS_EXEC, scope, "test");
    }

    static void assumeBubblewrap() {
        assumeTrue(IsolationSupport.here().mode() == IsolationDecision.Verdict.PROCESS, IsolationSupport.here().reason());
    }

    void assertDenied(GrantedExec exec, Exec.Request request) {
        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(request)).isInstanceOf(PermissionDeniedException.class);
        RecordingAudit.Entry entry = audit.only();
        assertThat(entry.allowed()).isFalse();
        assertThat(entry.detail()).contains("Warden's own state");
    }

    @Test
    void anArgumentThatNamesAFileOfTheStateIsRefusedInEveryForm() {
        GrantedExec exec = grant(home, "/usr/bin/cat *", "/usr/bin/env *");

        assertDenied(exec, Exec.Request.of("/usr/bin/cat", "warden-state/gateway-token"));
        assertDenied(exec, Exec.Request.of("/usr/bin/cat", wardenHome.resolve("secrets/secrets.json").toString()));
        assertDenied(exec, Exec.Request.of("/usr/bin/cat", "notes.txt", "./x/../warden-state/secrets/secrets.json"));
        assertDenied(exec, Exec.Request.of("/usr/bin/env", "--file=" + wardenHome.resolve("gateway-token")));
        assertDenied(exec, Exec.Request.of("/usr/bin/cat", home.resolve("warden-system/policy.json").toString()));
    }

    @Test
    void anArgumentThatNamesAFolderHoldingTheStateIsRefused() {
        GrantedExec exec = grant(home, "/usr/bin/grep *", "/usr/bin/tar *");

        assertDenied(exec, Exec.Request.of("/usr/bin/grep", "-r", SECRET, "."));
        assertDenied(exec, Exec.Request.of("/usr/bin/tar", "-cf", "-", home.toString()));
        assertDenied(exec, Exec.Request.of("/usr/bin/grep", "-r", SECRET, "/"));
    }

    @Test
    void aProcLinkThatWouldLeadThroughTheProgramsOwnFoldersIsRefused() {
        GrantedExec exec = grant(home, "/usr/bin/cat *");

        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(Exec.Request.of("/usr/bin/cat", "/proc/self/cwd/warden-state/gateway-token")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(audit.only().detail()).contains("/proc link");
        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(Exec.Request.of("/usr/bin/cat", "/proc/thread-self/root" + wardenHome + "/gateway-token")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aLinkInTheWorkspaceThatLeadsIntoTheStateIsRefusedAsAnArgument() throws Exception {
        Files.createSymbolicLink(home.resolve("token"), wardenHome.resolve("gateway-token"));

        assertDenied(grant(home, "/usr/bin/cat *"), Exec.Request.of("/usr/bin/cat", "token"));
    }

    @Test
    void aProgramInsideTheStateIsNeverRunEvenUnderTheGrantOfAnyProgram() throws Exception {
        Path planted = Files.createDirectories(wardenHome.resolve("plugins/acme/tool/bin")).resolve("tool");
        Files.copy(Path.of("/usr/bin/true"), planted, StandardCopyOption.COPY_ATTRIBUTES);

        assertDenied(grant(home, "*"), Exec.Request.of(planted.toString()));
        assertDenied(grant(home, planted.toString()), Exec.Request.of(planted.toString()));
    }

    @Test
    void noProgramRunsWhenTheWorkspaceLiesInTheState() {
        assertDenied(grant(wardenHome, "/usr/bin/true"), Exec.Request.of("/usr/bin/true"));
    }

    @Test
    void argumentsThatNameOtherFilesOfTheHomeStillRun() throws Exception {
        assertThat(grant(home, "/usr/bin/cat *", "fs.read ${workspace}/**").run(Exec.Request.of("/usr/bin/cat", "notes.txt"))
                .stdout()).isEqualTo("mine");
        assertThat(audit.only().allowed()).isTrue();
    }

    // --- a program that finds its own way: closed by the sandbox where bubblewrap works ---

    /** A script that looks for the state by itself, through every road a shell has, and prints what it found. */
    static final String HUNT = String.join("\n",
            "for f in \"$STATE/secrets/secrets.json\" \"$STATE/gateway-token\" \"$STATE/grants.json\"; do cat \"$f\"; done",
            "cat /proc/1/root\"$STATE/gateway-token\" /proc/self/cwd/warden-state/grants.json",
            "ln -s \"$STATE\" way-in && cat way-in/gateway-token way-in/secrets/secrets.json",
            "grep -rls \"$SECRET\" . .. \"$STATE\" /tmp",
            "echo forged > \"$STATE/grants.json\"",
            "cat notes.txt");

    Exec.Result hunt(GrantedExec exec) throws Exception {
        return exec.run(new Exec.Request("/bin/sh", List.of("-c", "STATE=" + wardenHome + " SECRET=" + SECRET + "\n" + HUNT),
                new byte[0], Duration.ofSeconds(60)));
    }

    @Test
    void aScriptThatLooksForTheStateByItselfFindsNothingYetReadsItsGrantedFolder() throws Exception {
        assumeBubblewrap();

        Exec.Result result = hunt(grant(home, "/bin/sh -c *", "fs.read ${workspace}/**"));

        assertThat(result.stdout()).doesNotContain(SECRET).contains("mine");
        assertThat(result.stderr()).doesNotContain(SECRET);
        assertThat(Files.readString(wardenHome.resolve("grants.json"))).isEqualTo(SECRET);
        assertThat(audit.only().detail()).endsWith("sandboxed (bubblewrap)");
    }

    @Test
    void aWritableWorkspaceThatHoldsTheStateNeitherShowsNorLetsItBeReplaced() throws Exception {
        assumeBubblewrap();

        Exec.Result result = hunt(grant(home, "/bin/sh -c *", "fs.write ${workspace}/**"));
        Exec.Result moved = grant(home, "/bin/sh -c *", "fs.write ${workspace}/**").run(Exec.Request.of("/bin/sh", "-c",
                "mv warden-state moved; mkdir -p warden-state; echo forged > warden-state/grants.json"));

        assertThat(result.stdout()).doesNotContain(SECRET).contains("mine");
        assertThat(Files.readString(wardenHome.resolve("grants.json"))).isEqualTo(SECRET);
        assertThat(Files.readString(wardenHome.resolve("gateway-token"))).isEqualTo(SECRET);
        assertThat(home.resolve("moved")).doesNotExist();
        assertThat(moved.stderr()).contains("warden-state");
    }

    @Test
    void aScriptSeesNoneOfThePersonsFilesItHasNoGrantFor() throws Exception {
        assumeBubblewrap();

        Exec.Result result = grant(home, "/bin/sh -c *").run(Exec.Request.of("/bin/sh", "-c", "pwd; ls -A; cat notes.txt"));

        assertThat(result.stdout()).isEqualTo(home + "\n");
        assertThat(result.stderr()).contains("notes.txt");
    }

    @Test
    void aSandboxedScriptHasNoNetworkNotEvenTheHostsLoopback() throws Exception {
        assumeBubblewrap();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bash")), "bash, whose /dev/tcp makes the connection");
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo connected";

            Exec.Result sandboxed = grant(home, "/usr/bin/bash -c *").run(Exec.Request.of("/usr/bin/bash", "-c", connect));
            Exec.Result bare = grant(home, unsandboxed(), "/usr/bin/bash -c *").run(Exec.Request.of("/usr/bin/bash", "-c", connect));

            assertThat(sandboxed.stdout()).doesNotContain("connected");
            assertThat(bare.stdout()).contains("connected");
        }
    }

    @Test
    void backgroundProcessesEndWithTheSandboxedProgram() throws Exception {
        assumeBubblewrap();
        String marker = "40." + System.nanoTime();

        Exec.Result result = grant(home, "/bin/sh -c *").run(Exec.Request.of("/bin/sh", "-c",
                "/usr/bin/sleep " + marker + " > /dev/null 2>&1 & echo left"));

        assertThat(result.stdout()).isEqualTo("left\n");
        assertThat(GrantedExecTest.runningWith(marker)).isEmpty();
    }

    @Test
    void withoutBubblewrapTheProgramStillRunsAndEveryRunIsAuditedAsUnsandboxed() throws Exception {
        Exec.Result result = grant(home, unsandboxed(), "/usr/bin/cat *").run(Exec.Request.of("/usr/bin/cat", "notes.txt"));

        assertThat(result.stdout()).isEqualTo("mine");
        assertThat(audit.only().allowed()).isTrue();
        assertThat(audit.only().detail()).contains("NOT sandboxed").endsWith("no bwrap on PATH (test)");
    }

    @Test
    void theChecksOfTheArgumentsStillComeFirstInTheSandbox() throws Exception {
        assumeBubblewrap();

        assertDenied(grant(home, "/usr/bin/cat *", "fs.read ${workspace}/**"),
                Exec.Request.of("/usr/bin/cat", "warden-state/gateway-token"));
    }

    static IsolationSupport unsandboxed() {
        return new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(), "no bwrap on PATH (test)");
    }
}
