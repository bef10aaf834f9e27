package dev.warden.manager.sandbox;

import static dev.warden.manager.sandbox.SandboxFolders.read;
import static dev.warden.manager.sandbox.SandboxFolders.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bwrap command line for a few grant sets: built from the grants alone, no bwrap needed. */
class BubblewrapSandboxArgumentsTest extends SandboxFoldersFixture {

    static final Path BWRAP = Path.of("/usr/bin/bwrap");

    @BeforeEach
    void realTemp() throws IOException {
        temp = temp.toRealPath();
    }

    List<String> command(Permission... grants) {
        return sandbox(grants).command(List.of("/bin/true"));
    }

    BubblewrapSandbox sandbox(Permission... grants) {
        return folders.sandbox(BWRAP, List.of(grants));
    }

    /** The (option, source, target) or (option, target) triples of the command, as "option source target". */
    static List<String> mounts(List<String> command) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < command.indexOf("--"); i++) {
            switch (command.get(i)) {
                case "--ro-bind", "--bind", "--symlink" -> out.add(command.get(i) + " " + command.get(++i) + " " + command.get(++i));
                case "--tmpfs", "--proc", "--dev" -> out.add(command.get(i) + " " + command.get(++i));
                default -> { }
            }
        }
        return out;
    }

    @Test
    void withoutGrantsMountsTheSystemPrivateFoldersAndTheInstallFolderOnly() {
        List<String> command = command();

        assertThat(command.get(0)).isEqualTo("/usr/bin/bwrap");
        assertThat(command).containsSubsequence("--unshare-all", "--new-session", "--die-with-parent", "--cap-drop", "ALL", "--clearenv");
        assertThat(command.subList(command.indexOf("--"), command.size())).containsExactly("--", "/bin/true");
        List<String> mounts = mounts(command);
        assertThat(mounts).contains("--ro-bind /usr /usr", "--ro-bind /etc /etc", "--proc /proc", "--dev /dev",
                "--tmpfs /tmp", "--ro-bind " + install + " " + install);
        assertThat(mounts).noneMatch(m -> m.contains(ws.toString()) || m.contains(home.toString()) || m.contains(data.toString()));
        assertThat(mounts).noneMatch(m -> m.endsWith(" /") || m.contains("/root") || m.contains("/home ") || m.contains("/var"));
        assertThat(command).containsSubsequence("--chdir", "/", "--");
    }

    @Test
    void systemFoldersThatAreLinksStayLinks() throws IOException {
        List<String> mounts = mounts(command());

        for (String folder : BubblewrapSandbox.SYSTEM_FOLDERS) {
            Path path = Path.of(folder);
            if (Files.isSymbolicLink(path)) {
                assertThat(mounts).contains("--symlink " + Files.readSymbolicLink(path) + " " + folder);
            }
        }
    }

    @Test
    void masksTheHostsSecretsInEtc() {
        List<String> mounts = mounts(command());

        if (Files.exists(Path.of("/etc/shadow"))) {
            assertThat(mounts).contains("--ro-bind /dev/null /etc/shadow");
        }
        if (Files.isDirectory(Path.of("/etc/ssh"))) {
            assertThat(mounts).contains("--tmpfs /etc/ssh");
        }
        assertThat(mounts.indexOf("--ro-bind /etc /etc")).isLessThan(mounts.indexOf("--ro-bind /dev/null /etc/shadow"));
    }

    @Test
    void passesTheScrubbedEnvironmentOnly() {
        List<String> command = command();

        List<String> set = new ArrayList<>();
        for (int i = command.indexOf("--setenv"); i >= 0 && i < command.size() && command.get(i).equals("--setenv"); i += 3) {
            set.add(command.get(i + 1) + "=" + command.get(i + 2));
        }
        assertThat(set).containsExactly("PATH=/usr/bin:/bin", "HOME=" + data, "LANG=C.UTF-8", "LC_ALL=C.UTF-8");
        assertThat(sandbox().processBuilder(List.of("/bin/true")).environment()).isEmpty();
    }

    @Test
    void readGrantMountsItsFolderReadOnlyAndWriteGrantWritable() throws IOException {
        Path reports = Files.createDirectories(ws.resolve("reports"));
        Path out = Files.createDirectories(data.resolve("out"));

        List<String> mounts = mounts(command(read("${workspace}/reports/**"), write("${plugin_data}/out")));

        assertThat(mounts).contains("--ro-bind " + reports + " " + reports, "--bind " + out + " " + out);
        assertThat(mounts).noneMatch(m -> m.endsWith(" " + ws) || m.endsWith(" " + data));
    }

    @Test
    void startsInTheWorkspaceWhenAGrantMountsItOrAFolderBelowIt() throws IOException {
        Files.createDirectories(ws.resolve("reports"));

        assertThat(sandbox(read("${workspace}/reports")).workingFolder()).isEqualTo(ws);
        assertThat(sandbox(read("${plugin_data}")).workingFolder()).isEqualTo(Path.of("/"));
    }

    @Test
    void writeWinsOverReadForTheSameFolderAndForAFolderInsideIt() throws IOException {
        Path docs = Files.createDirectories(ws.resolve("docs"));

        List<String> mounts = mounts(command(read("${workspace}"), write("${workspace}/**"), read("${workspace}/docs")));

        assertThat(mounts).contains("--bind " + ws + " " + ws);
        assertThat(mounts).noneMatch(m -> m.equals("--ro-bind " + ws + " " + ws) || m.contains(docs.toString()));
    }

    @Test
    void aReadOnlyFolderInsideAWritableOneIsMountedAfterIt() throws IOException {
        Path out = Files.createDirectories(ws.resolve("out"));

        List<String> mounts = mounts(command(write("${workspace}/out"), read("${workspace}")));

        assertThat(mounts).containsSubsequence("--ro-bind " + ws + " " + ws, "--bind " + out + " " + out);
    }

    @Test
    void masksHiddenAndSecretEntriesAtTheTopOfAGrantedFolderUnlessNamed() throws IOException {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".netrc"), "machine x password y");
        Path config = Files.createDirectories(home.resolve(".config/tool"));
        Files.createDirectories(home.resolve("notes"));

        List<String> mounts = mounts(command(read("${home}"), read("${home}/.config/tool")));

        assertThat(mounts).containsSubsequence("--ro-bind " + home + " " + home, "--tmpfs " + home.resolve(".ssh"));
        assertThat(mounts).contains("--ro-bind /dev/null " + home.resolve(".netrc"),
                "--tmpfs " + home.resolve(".config"), "--ro-bind " + config + " " + config);
        assertThat(mounts).containsSubsequence("--tmpfs " + home.resolve(".config"), "--ro-bind " + config + " " + config);
        assertThat(mounts).noneMatch(m -> m.contains("notes"));
    }

    @Test
    void skipsScopesItCannotMountExactlyAndSaysWhy() throws IOException {
        Files.createDirectories(ws.resolve("src"));
        Path secret = Files.createDirectories(home.resolve("secret"));
        Files.createSymbolicLink(ws.resolve("linked"), secret);

        BubblewrapSandbox sandbox = sandbox(read("${workspace}/src/*.java"), read("${workspace}/missing/**"),
                read("${workspace}/linked"), read("/etc/**"));

        assertThat(mounts(sandbox.command(List.of("/bin/true")))).noneMatch(m -> m.contains(ws.toString()) || m.contains(home.toString()));
        assertThat(sandbox.skipped()).containsExactly(
                "fs.read ${workspace}/src/*.java: not mounted, a wildcard before the end; mounting its folder would open more than the grant",
                "fs.read ${workspace}/missing/**: not mounted, it does not exist",
                "fs.read ${workspace}/linked: not mounted, it leads through a link to " + secret,
                "fs.read /etc/**: not mounted, an absolute scope is never mounted");
    }

    @Test
    void otherPermissionKindsOpenNoFolder() throws IOException {
        List<String> mounts = mounts(command(Permission.of(PermissionKind.FS_DELETE, "${workspace}", "test"),
                Permission.of(PermissionKind.NET_EGRESS, "https://example.com", "test")));

        assertThat(mounts).noneMatch(m -> m.contains(ws.toString()));
        assertThat(command()).contains("--unshare-all");
    }

    @Test
    void refusesAMissingInstallFolderAndAnEmptyCommand() {
        assertThatThrownBy(() -> new BubblewrapSandbox(BWRAP, List.of(), folders.roots(), temp.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> sandbox().command(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox().command(List.of("/bin/echo", "a\0b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
