package dev.warden.manager.sandbox;

import static dev.warden.manager.sandbox.SandboxFolders.read;
import static dev.warden.manager.sandbox.SandboxFolders.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.sandbox.BubblewrapSandboxIsolationTest.Run;
import dev.warden.manager.testing.BubblewrapHere;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs under bwrap with grants whose folders hold Warden's own state: the state is never mounted, not
 * through a granted parent, a link, a grant inside it or a linked {@code $WARDEN_HOME}, and cannot be moved away.
 * Skipped, with the reason printed, only where bwrap cannot make a sandbox.
 */
class BubblewrapSandboxWardenStateTest {

    static final String SECRET = "state-secret-planted-by-the-test";
    static final List<String> STATE_FILES = List.of("secrets/secrets.json", "gateway-token", "grants.json",
            "trust/publishers/acme.json", "audit/audit.log");

    static Path bwrap;

    @TempDir
    Path temp;

    @BeforeAll
    static void needsBwrap() {
        bwrap = BubblewrapHere.orSkip(BubblewrapSandboxWardenStateTest.class);
    }

    static void plant(SandboxFolders f) throws IOException {
        for (String file : STATE_FILES) {
            Path p = f.wardenHome().resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, SECRET);
        }
        Files.writeString(f.system().resolve("policy.json"), SECRET);
    }

    static String catAll(SandboxFolders f) {
        StringBuilder sh = new StringBuilder();
        for (String file : STATE_FILES) {
            sh.append("cat ").append(f.wardenHome().resolve(file)).append("; ");
        }
        return sh.append("cat ").append(f.system().resolve("policy.json")).append("; ls -A ").append(f.wardenHome())
                .append(" ").append(f.wardenHome().resolve("trust")).append("; echo done").toString();
    }

    static Run run(SandboxFolders f, List<Permission> grants, String sh) throws Exception {
        return BubblewrapSandboxIsolationTest.run(f.sandbox(bwrap, grants).processBuilder(List.of("/bin/sh", "-c", sh)));
    }

    @Test
    void aWritableWorkspaceThatIsTheHomeFolderShowsNoneOfWardensState() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, "warden-state", "warden-system");
        plant(f);
        Files.writeString(f.home().resolve("notes.txt"), "visible");

        Run run = run(f, List.of(write("${workspace}/**"), read("${workspace}/**")), "cat notes.txt; " + catAll(f));

        assertThat(run.stdout()).startsWith("visible").endsWith("done\n").doesNotContain(SECRET);
        assertThat(run.stdout()).doesNotContain("grants.json").doesNotContain("gateway-token").doesNotContain("secrets");
    }

    @Test
    void aHiddenWardenHomeNamedByALiteralGrantIsStillNotMounted() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, ".warden", ".warden-system");
        plant(f);

        BubblewrapSandbox sandbox = f.sandbox(bwrap, List.of(read("${home}/.warden/**"), read("${home}/.warden-system")));
        Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of("/bin/sh", "-c", catAll(f))));

        assertThat(run.stdout()).endsWith("done\n").doesNotContain(SECRET);
        assertThat(sandbox.skipped()).hasSize(2).allMatch(line -> line.contains("Warden's own state"));
    }

    @Test
    void theProgramCannotWriteDeleteOrReplaceWardensStateInsideAWritableGrant() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, "state/warden", "warden-system");
        plant(f);

        Run run = run(f, List.of(write("${home}/**")), "echo forged > state/warden/grants.json; rm -rf state/warden;"
                + " mv state/warden moved; mv state state-moved; mv warden-system system-moved;"
                + " mkdir -p state/warden && echo forged > state/warden/grants.json; echo done");

        assertThat(run.stdout()).isEqualTo("done\n");
        assertThat(f.wardenHome().resolve("grants.json")).hasContent(SECRET);
        assertThat(f.system().resolve("policy.json")).hasContent(SECRET);
        // mv falls back to copying what it sees where a rename is refused: the empty mask, never the state
        try (var files = Files.walk(f.home())) {
            assertThat(files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(f.wardenHome()) && !p.startsWith(f.system()))
                    .filter(p -> readable(p).contains(SECRET) || readable(p).contains("forged"))).isEmpty();
        }
    }

    private static String readable(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aLinkInAGrantedFolderToWardensStateLeadsToAnEmptyFolder() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, "warden-state", "warden-system");
        plant(f);
        Path docs = Files.createDirectories(f.home().resolve("docs"));
        Files.createSymbolicLink(docs.resolve("w"), f.wardenHome());
        Files.createSymbolicLink(docs.resolve("token"), f.wardenHome().resolve("gateway-token"));

        Run run = run(f, List.of(read("${home}/**")), "cat docs/w/secrets/secrets.json; cat docs/token; ls -A docs/w/trust; echo done");

        assertThat(run.stdout()).isEqualTo("done\n");
    }

    @Test
    void theInstallFolderAndThePluginsOwnDataStayReachableInsideTheMaskedState() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, "warden-state", "warden-system");
        plant(f);
        Files.writeString(f.install().resolve("plugin.json"), "{}");

        Run run = run(f, List.of(read("${home}/**"), write("${plugin_data}/**")), "cat " + f.install().resolve("plugin.json")
                + " && echo kept > " + f.data().resolve("note.txt") + " && cat " + f.data().resolve("note.txt"));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("{}kept\n");
        assertThat(f.data().resolve("note.txt")).hasContent("kept");
    }

    @Test
    void aWardenHomeReachedThroughALinkIsMaskedAtItsRealPath() throws Exception {
        Path person = Files.createDirectories(temp.toRealPath().resolve("person"));
        Path realState = Files.createDirectories(person.resolve("disk/warden-state"));
        Path linked = Files.createSymbolicLink(person.resolve("warden-link"), realState);
        Files.writeString(realState.resolve("gateway-token"), SECRET);
        Path data = Files.createDirectories(realState.resolve("data/acme/tool"));
        Path install = Files.createDirectories(realState.resolve("plugins/acme/tool"));
        PluginRoots roots = new PluginRoots(person, data, person,
                new WardenHome(linked, person.resolve("no-system")).protectedState());

        BubblewrapSandbox sandbox = new BubblewrapSandbox(bwrap, List.of(read("${workspace}/**")), roots, install);
        Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of("/bin/sh", "-c",
                "cat warden-link/gateway-token; cat disk/warden-state/gateway-token; echo done")));

        assertThat(run.stdout()).isEqualTo("done\n");
        assertThat(sandbox.mounted()).contains("masked " + realState);
    }

    @Test
    void wardensOwnFilesKeptInItsHomeStayVisibleAboveTheMask() throws Exception {
        SandboxFolders f = SandboxFolders.workspaceIsHome(temp, "warden-state", "warden-system");
        plant(f);
        Path jar = Files.createDirectories(f.wardenHome().resolve("lib")).resolve("warden-host.jar");
        Files.writeString(jar, "jar");

        BubblewrapSandbox sandbox = new BubblewrapSandbox(bwrap, List.of(read("${home}/**")), f.roots(), f.install(), List.of(jar));
        Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of("/bin/sh", "-c",
                "cat " + jar + "; cat " + f.wardenHome().resolve("gateway-token") + "; echo")));

        assertThat(run.stdout()).isEqualTo("jar\n");
    }

    @Test
    void aWritableGrantHoldingTheLinkThatNamesWardenHomeIsMountedReadOnlySoTheLinkCannotBeReplaced() throws Exception {
        Path person = Files.createDirectories(temp.toRealPath().resolve("person"));
        Path realState = Files.createDirectories(temp.toRealPath().resolve("disk/warden-state"));
        Path linked = Files.createSymbolicLink(person.resolve(".warden"), realState);
        Files.writeString(realState.resolve("grants.json"), SECRET);
        Path data = Files.createDirectories(realState.resolve("data/acme/tool"));
        Path install = Files.createDirectories(realState.resolve("plugins/acme/tool"));
        PluginRoots roots = new PluginRoots(person, data, person, new WardenHome(linked, person.resolve("no-system")).protectedState());

        BubblewrapSandbox sandbox = new BubblewrapSandbox(bwrap, List.of(write("${home}/**")), roots, install);
        Run run = BubblewrapSandboxIsolationTest.run(sandbox.processBuilder(List.of("/bin/sh", "-c",
                "rm -f .warden; mkdir -p .warden && echo forged > .warden/grants.json; echo done")));

        assertThat(run.stdout()).isEqualTo("done\n");
        assertThat(Files.isSymbolicLink(linked)).isTrue();
        assertThat(linked.resolve("grants.json")).hasContent(SECRET);
        assertThat(sandbox.skipped()).anyMatch(line -> line.contains("mounted read-only"));
    }
}
