package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.ExecRequest;
import dev.warden.api.manifest.Permission;
import dev.warden.api.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
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
    }

    GrantedExec grant(Path workspace, String... scopes) {
        List<Permission> effective = Arrays.stream(scopes).map(s -> Permission.of(PermissionKind.PROCESS_EXEC, s, "test")).toList();
        return new GrantedExec(effective, new PluginRoots(workspace, data, home,
                new WardenHome(wardenHome, home.resolve("warden-system")).protectedState()), audit, ExecLimits.defaults());
    }

    void assertDenied(GrantedExec exec, ExecRequest request) {
        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(request)).isInstanceOf(PermissionDeniedException.class);
        RecordingAudit.Entry entry = audit.only();
        assertThat(entry.allowed()).isFalse();
        assertThat(entry.detail()).contains("Warden's own state");
    }

    @Test
    void anArgumentThatNamesAFileOfTheStateIsRefusedInEveryForm() {
        GrantedExec exec = grant(home, "/usr/bin/cat *", "/usr/bin/env *");

        assertDenied(exec, ExecRequest.of("/usr/bin/cat", "warden-state/gateway-token"));
        assertDenied(exec, ExecRequest.of("/usr/bin/cat", wardenHome.resolve("secrets/secrets.json").toString()));
        assertDenied(exec, ExecRequest.of("/usr/bin/cat", "notes.txt", "./x/../warden-state/secrets/secrets.json"));
        assertDenied(exec, ExecRequest.of("/usr/bin/env", "--file=" + wardenHome.resolve("gateway-token")));
        assertDenied(exec, ExecRequest.of("/usr/bin/cat", home.resolve("warden-system/policy.json").toString()));
    }

    @Test
    void anArgumentThatNamesAFolderHoldingTheStateIsRefused() {
        GrantedExec exec = grant(home, "/usr/bin/grep *", "/usr/bin/tar *");

        assertDenied(exec, ExecRequest.of("/usr/bin/grep", "-r", SECRET, "."));
        assertDenied(exec, ExecRequest.of("/usr/bin/tar", "-cf", "-", home.toString()));
        assertDenied(exec, ExecRequest.of("/usr/bin/grep", "-r", SECRET, "/"));
    }

    @Test
    void aProcLinkThatWouldLeadThroughTheProgramsOwnFoldersIsRefused() {
        GrantedExec exec = grant(home, "/usr/bin/cat *");

        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(ExecRequest.of("/usr/bin/cat", "/proc/self/cwd/warden-state/gateway-token")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(audit.only().detail()).contains("/proc link");
        audit.entries.clear();
        assertThatThrownBy(() -> exec.run(ExecRequest.of("/usr/bin/cat", "/proc/thread-self/root" + wardenHome + "/gateway-token")))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aLinkInTheWorkspaceThatLeadsIntoTheStateIsRefusedAsAnArgument() throws Exception {
        Files.createSymbolicLink(home.resolve("token"), wardenHome.resolve("gateway-token"));

        assertDenied(grant(home, "/usr/bin/cat *"), ExecRequest.of("/usr/bin/cat", "token"));
    }

    @Test
    void aProgramInsideTheStateIsNeverRunEvenUnderTheGrantOfAnyProgram() throws Exception {
        Path planted = Files.createDirectories(wardenHome.resolve("plugins/acme/tool/bin")).resolve("tool");
        Files.copy(Path.of("/usr/bin/true"), planted, StandardCopyOption.COPY_ATTRIBUTES);

        assertDenied(grant(home, "*"), ExecRequest.of(planted.toString()));
        assertDenied(grant(home, planted.toString()), ExecRequest.of(planted.toString()));
    }

    @Test
    void noProgramRunsWhenTheWorkspaceLiesInTheState() {
        assertDenied(grant(wardenHome, "/usr/bin/true"), ExecRequest.of("/usr/bin/true"));
    }

    @Test
    void argumentsThatNameOtherFilesOfTheHomeStillRun() throws Exception {
        assertThat(grant(home, "/usr/bin/cat *").run(ExecRequest.of("/usr/bin/cat", "notes.txt")).stdout()).isEqualTo("mine");
        assertThat(audit.only().allowed()).isTrue();
    }
}
