package dev.warden.manager.sandbox;

import static dev.warden.manager.sandbox.SandboxFolders.read;
import static dev.warden.manager.sandbox.SandboxFolders.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.manager.testing.BubblewrapHere;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real programs under bwrap: what is outside the grants cannot be read, written, reached or seen.
 * Skipped, with the reason printed, only on a machine where bwrap cannot make a sandbox.
 */
class BubblewrapSandboxIsolationTest extends SandboxFoldersFixture {

    static final String SECRET = "s3cr3t-planted-by-the-test";

    static Path bwrap;

    Path planted;

    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void needsBwrap() {
        bwrap = BubblewrapHere.orSkip(BubblewrapSandboxIsolationTest.class);
    }

    @BeforeEach
    void plantSecrets() throws IOException {
        Files.writeString(wardenHome.resolve("gateway-token"), SECRET);
        planted = Files.createDirectories(home.resolve(".ssh")).resolve("id_ed25519");
        Files.writeString(planted, SECRET);
    }

    Run run(List<Permission> grants, String... command) throws Exception {
        return run(folders.sandbox(bwrap, grants).processBuilder(List.of(command)));
    }

    static Run run(ProcessBuilder builder) throws Exception {
        Path out = Files.createTempFile("sandbox-out", ".txt");
        Path err = Files.createTempFile("sandbox-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the sandboxed program did not end in 30 s: " + builder.command());
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void aProgramRunsAndSeesTheSystem() throws Exception {
        Run run = run(List.of(), "/bin/sh", "-c", "echo hello; test -r /etc/passwd && echo passwd");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("hello\npasswd\n");
    }

    @Test
    void cannotReadAPlantedSecretOutsideTheGrants() throws Exception {
        Files.createDirectories(ws.resolve("reports"));

        Run run = run(List.of(read("${workspace}/reports")), "/bin/sh", "-c",
                "cat " + planted + "; ls " + home + "; cat " + wardenHome.resolve("gateway-token") + "; echo done");

        assertThat(run.stdout()).doesNotContain(SECRET).isEqualTo("done\n");
        assertThat(run.stderr()).contains("No such file or directory");
    }

    @Test
    void aGrantOfTheHomeFolderDoesNotOpenItsHiddenSecrets() throws Exception {
        Files.writeString(home.resolve("notes.txt"), "visible");

        Run run = run(List.of(read("${home}")), "/bin/sh", "-c", "cat " + home.resolve("notes.txt") + "; cat " + planted + "; ls -A " + home.resolve(".ssh"));

        assertThat(run.stdout()).isEqualTo("visible");
        assertThat(run.stderr()).contains("No such file or directory");
    }

    @Test
    void aGrantedReadFolderCanBeReadButNotWritten() throws Exception {
        Path reports = Files.createDirectories(ws.resolve("reports"));
        Files.writeString(reports.resolve("q1.txt"), "report");

        Run run = run(List.of(read("${workspace}/reports/**")), "/bin/sh", "-c",
                "cat reports/q1.txt; echo changed > reports/q1.txt; echo new > reports/new.txt; rm -f reports/q1.txt; echo; echo end");

        assertThat(run.stdout()).isEqualTo("report\nend\n");
        assertThat(run.stderr()).contains("Read-only file system");
        assertThat(reports.resolve("q1.txt")).hasContent("report");
        assertThat(reports.resolve("new.txt")).doesNotExist();
    }

    @Test
    void aGrantedWriteFolderCanBeWritten() throws Exception {
        Path out = Files.createDirectories(data.resolve("out"));

        Run run = run(List.of(write("${plugin_data}/out")), "/bin/sh", "-c", "echo written > " + out.resolve("result.txt"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(out.resolve("result.txt")).hasContent("written");
        assertThat(wardenHome.resolve("gateway-token")).hasContent(SECRET);
    }

    @Test
    void wardenHomeIsInvisibleButForTheInstallFolder() throws Exception {
        Files.writeString(install.resolve("plugin.json"), "{}");

        Run run = run(List.of(), "/bin/sh", "-c", "ls -A " + wardenHome + "; cat " + install.resolve("plugin.json")
                + "; echo x > " + install.resolve("plugin.json"));

        assertThat(run.stdout()).isEqualTo("plugins\n{}");
        assertThat(run.stderr()).contains("Read-only file system");
        assertThat(install.resolve("plugin.json")).hasContent("{}");
    }

    @Test
    void aLinkInAGrantedFolderToThePlantedSecretGivesNoAccess() throws Exception {
        Path reports = Files.createDirectories(ws.resolve("reports"));
        Files.createSymbolicLink(reports.resolve("key"), planted);
        Files.createSymbolicLink(reports.resolve("home"), home);

        Run run = run(List.of(read("${workspace}/reports")), "/bin/sh", "-c",
                "cat reports/key; cat reports/home/.ssh/id_ed25519; echo done");

        assertThat(run.stdout()).isEqualTo("done\n");
        assertThat(run.stderr()).contains("No such file or directory");
    }

    @Test
    void hasNoNetworkNotEvenTheHostsLoopback() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for /dev/tcp");
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort() + " && echo connected";
            Run outside = run(new ProcessBuilder("/bin/bash", "-c", connect));
            assertThat(outside.stdout()).as("the same command connects outside the sandbox").isEqualTo("connected\n");

            Run inside = run(List.of(), "/bin/bash", "-c", connect);
            Run interfaces = run(List.of(), "/bin/sh", "-c", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");

            assertThat(inside.exit()).isNotZero();
            assertThat(inside.stdout()).doesNotContain("connected");
            assertThat(interfaces.stdout()).as("network interfaces inside").isEqualTo("lo\n");
        }
    }

    @Test
    void seesOnlyItsOwnProcesses() throws Exception {
        Run run = run(List.of(), "/bin/sh", "-c", "ls /proc");

        List<Long> pids = Arrays.stream(run.stdout().split("\\s+")).filter(s -> s.matches("[0-9]+")).map(Long::valueOf).toList();
        assertThat(pids).isNotEmpty().hasSizeLessThanOrEqualTo(5).allMatch(pid -> pid < 10);
        assertThat(pids).doesNotContain(ProcessHandle.current().pid());
    }

    @Test
    void theEnvironmentIsScrubbedButForTheWorkingFolderBwrapSets() throws Exception {
        ProcessBuilder builder = folders.sandbox(bwrap, List.of()).processBuilder(List.of("/usr/bin/env"));
        builder.environment().put("LD_PRELOAD", "");
        builder.environment().put("WARDEN_TEST_TOKEN", SECRET);

        Run run = run(builder);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout().split("\n")).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=" + data,
                "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "PWD=/");
    }

    @Test
    void holdsNoCapabilitiesAndCannotReadTheHostsPasswordHashes() throws Exception {
        Run run = run(List.of(), "/bin/sh", "-c", "grep CapEff /proc/self/status; cat /etc/shadow | wc -c");

        assertThat(run.stdout()).containsPattern("CapEff:\\s+0+\n").endsWith("0\n");
    }
}
