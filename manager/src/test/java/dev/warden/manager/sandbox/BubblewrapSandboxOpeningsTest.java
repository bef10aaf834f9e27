package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.BubblewrapHere;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a long-running program of a plugin (an external MCP server) gets beyond its grants: its egress socket, its
 * own writable folder, its program file, and an environment that never shows on {@code bwrap}'s command line. The
 * command-line tests need no bwrap; those that run a program use the real one.
 */
class BubblewrapSandboxOpeningsTest {

    static final Path BWRAP = Path.of("/usr/bin/bwrap");

    @TempDir
    Path temp;

    SandboxFolders folders;

    @BeforeEach
    void folders() throws IOException {
        folders = SandboxFolders.in(temp);
    }

    static Path bwrapHere() {
        return BubblewrapHere.orSkip(BubblewrapSandboxOpeningsTest.class);
    }

    @Test
    void theEgressSocketIsBoundReadOnlyAtItsFixedPlace() {
        Path socket = temp.resolve("egress.sock");

        BubblewrapSandbox sandbox = folders.sandbox(BWRAP, List.of()).withEgress(socket);

        assertThat(BubblewrapSandboxArgumentsTest.mounts(sandbox.command(List.of("/bin/true"))))
                .endsWith("--ro-bind " + socket + " /run/warden/egress.sock");
        assertThat(sandbox.mounted()).endsWith("socket /run/warden/egress.sock");
    }

    @Test
    void theEnvironmentReachesTheProgramThroughBwrapsOwnAndNeverItsCommandLine() throws Exception {
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "API_TOKEN", "s3cr3t-token");
        BubblewrapSandbox sandbox = folders.sandbox(BWRAP, List.of()).withEnvironment(env);

        assertThat(sandbox.command(List.of("/usr/bin/env"))).doesNotContain("s3cr3t-token", "--setenv", "--clearenv");
        assertThat(sandbox.processBuilder(List.of("/usr/bin/env")).environment()).isEqualTo(env);

        BubblewrapSandbox real = folders.sandbox(bwrapHere(), List.of()).withEnvironment(env);
        BubblewrapSandboxIsolationTest.Run run = BubblewrapSandboxIsolationTest.run(real.processBuilder(List.of("/usr/bin/env")));
        assertThat(run.stdout().lines().sorted()).containsExactly("API_TOKEN=s3cr3t-token", "PATH=/usr/bin:/bin", "PWD=/"); // bwrap sets PWD as it changes folder
    }

    @Test
    void theProgramsOwnFolderIsWritableAndWhereItStarts() throws Exception {
        BubblewrapSandbox sandbox = folders.sandbox(bwrapHere(), List.of()).withOwnFolder(folders.data());

        BubblewrapSandboxIsolationTest.Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(
                List.of("/bin/sh", "-c", "pwd; echo kept > state.txt")));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(folders.data() + "\n");
        assertThat(folders.data().resolve("state.txt")).hasContent("kept");
        assertThat(sandbox.mounted()).contains("rw " + folders.data());
    }

    @Test
    void aProgramOutsideTheSystemFoldersIsMountedAloneNotItsFolder() throws Exception {
        Path tools = Files.createDirectories(folders.home().resolve("tools"));
        Path program = tools.resolve("server");
        Files.writeString(program, "#!/bin/sh\necho running; cat " + tools.resolve("token.txt") + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(tools.resolve("token.txt"), "beside-the-program");

        BubblewrapSandbox sandbox = folders.sandbox(bwrapHere(), List.of()).withProgram(program);
        BubblewrapSandboxIsolationTest.Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of(program.toString())));

        assertThat(run.stdout()).isEqualTo("running\n");
        assertThat(run.stderr()).contains("No such file or directory");
        assertThat(sandbox.mounted()).contains("ro " + program).noneMatch(m -> m.equals("ro " + tools));
    }

    @Test
    void aSystemProgramNeedsNoMountOfItsOwn() {
        BubblewrapSandbox sandbox = folders.sandbox(BWRAP, List.of());

        assertThat(sandbox.withProgram(Path.of("/bin/sh")).mounted()).isEqualTo(sandbox.mounted());
    }

    @Test
    void refusesAnOwnFolderReachedThroughALinkAndAMissingProgram() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("data-link"), folders.data());
        BubblewrapSandbox sandbox = folders.sandbox(BWRAP, List.of());

        assertThatThrownBy(() -> sandbox.withOwnFolder(link)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reached through a link");
        assertThatThrownBy(() -> sandbox.withProgram(temp.resolve("no-such-program")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a file");
    }
}
