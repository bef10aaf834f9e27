package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file broker and Warden's own state: whatever grant, root or link leads there, secrets, the gateway token,
 * grants, trust and the system folder are refused with an audited denial, and cannot be written, deleted or moved.
 */
class GrantedFilesWardenStateTest {

    static final String SECRET = "state-secret-planted-by-the-test";
    static final List<String> STATE_FILES = List.of("secrets/secrets.json", "gateway-token", "grants.json",
            "trust/publishers/acme.json");
    static final List<String> EVERYTHING = List.of("${home}/**", "${workspace}/**", "${home}/.warden/**",
            "${home}/.warden", "${workspace}/warden-state/**", "${home}/state/**", "${plugin_data}/**");

    @TempDir
    Path temp;

    Path home;
    Path wardenHome;
    Path system;
    Path data;
    RecordingAudit audit = new RecordingAudit();
    GrantedFiles files;

    @AfterEach
    void close() throws IOException {
        if (files != null) {
            files.close();
        }
    }

    /**
     * A person's home that is also the workspace, holding {@code $WARDEN_HOME} at {@code state} and the system
     * folder at {@code warden-system}, with every kind granted on every scope of {@link #EVERYTHING}.
     */
    GrantedFiles homeHolding(String state) throws IOException {
        home = Files.createDirectories(temp.toRealPath().resolve("home"));
        return homeHolding(Files.createDirectories(home.resolve(state)), home.resolve(state));
    }

    /** As {@link #homeHolding(String)}, with the state at {@code real}, named {@code named} (a link to it, or itself). */
    GrantedFiles homeHolding(Path real, Path named) throws IOException {
        wardenHome = real;
        system = Files.createDirectories(home.resolve("warden-system"));
        for (String file : STATE_FILES) {
            Path p = wardenHome.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, SECRET);
        }
        Files.writeString(system.resolve("policy.json"), SECRET);
        data = Files.createDirectories(wardenHome.resolve("data/acme/tool"));
        List<Permission> grants = new ArrayList<>();
        for (PermissionKind kind : List.of(PermissionKind.FS_READ, PermissionKind.FS_WRITE, PermissionKind.FS_DELETE)) {
            EVERYTHING.forEach(scope -> grants.add(Permission.of(kind, scope, "test")));
        }
        PluginRoots roots = new PluginRoots(home, data, home, new WardenHome(named, system).protectedState());
        files = new GrantedFiles(roots, grants, audit, path -> true, wardenHome.resolve("trash"), Limits.defaults());
        return files;
    }

    void assertDenied(ThrowingCall call, PermissionKind kind) {
        audit.entries.clear();
        assertThatThrownBy(call::run).isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(((PermissionDeniedException) e).permission()).isEqualTo(kind.id()));
        RecordingAudit.Entry e = audit.only();
        assertThat(e.allowed()).isFalse();
        assertThat(e.detail()).contains("Warden's own state");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void noFileOfTheStateIsReadThroughTheHomeTheWorkspaceOrALiteralScope() throws Exception {
        homeHolding("warden-state");

        for (String file : STATE_FILES) {
            assertDenied(() -> files.read("${home}/warden-state/" + file), PermissionKind.FS_READ);
            assertDenied(() -> files.read("${workspace}/warden-state/" + file), PermissionKind.FS_READ);
            assertDenied(() -> files.read("${workspace}/x/../warden-state/./" + file), PermissionKind.FS_READ);
        }
        assertDenied(() -> files.read("${home}/warden-system/policy.json"), PermissionKind.FS_READ);
        assertThat(audit.entries.get(0).target()).isEqualTo(system.resolve("policy.json").toString());
    }

    @Test
    void aPluginOfTheDevelopmentHomeGrantedTheWholeHomeCannotReadThePersonsWardenHome() throws Exception {
        homeHolding(".warden");
        files.close();
        // what 'warden dev' makes: $WARDEN_HOME/dev/home, marked as a development home, with the plugin's data inside
        Path devHome = Files.createDirectories(wardenHome.resolve("dev/home"));
        Files.writeString(devHome.resolve(WardenHome.DEVELOPMENT_MARKER), "made by the test");
        Path devData = Files.createDirectories(devHome.resolve("data/acme/hello"));
        Files.writeString(devData.resolve("notes.txt"), "the plugin's own");
        List<Permission> grants = List.of(Permission.of(PermissionKind.FS_READ, "${home}/**", "test"),
                Permission.of(PermissionKind.FS_READ, "${plugin_data}/**", "test"));
        PluginRoots roots = new PluginRoots(home, devData, home, new WardenHome(devHome, system).protectedState());
        files = new GrantedFiles(roots, grants, audit, path -> true, devHome.resolve("trash"), Limits.defaults());

        assertDenied(() -> files.read("${home}/.warden/secrets/secrets.json"), PermissionKind.FS_READ);
        assertDenied(() -> files.read("${home}/.warden/dev/keys/acme.key"), PermissionKind.FS_READ);
        assertDenied(() -> files.read("${home}/.warden/dev/home/grants.json"), PermissionKind.FS_READ);
        assertThat(files.read("${plugin_data}/notes.txt")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8))
                .isEqualTo("the plugin's own"));
        Files.delete(devHome.resolve(WardenHome.DEVELOPMENT_MARKER));
        assertThat(new WardenHome(devHome, system).protectedState().reaches(wardenHome.resolve("secrets/secrets.json")))
                .as("without its marker the folder is a home like any other, which protects itself only").isFalse();
    }

    @Test
    void aHiddenWardenHomeNamedLiterallyIsRefusedToo() throws Exception {
        homeHolding(".warden");

        assertDenied(() -> files.read("${home}/.warden/secrets/secrets.json"), PermissionKind.FS_READ);
        assertDenied(() -> files.list("${home}/.warden/trust/publishers"), PermissionKind.FS_READ);
        assertThat(files.exists("${home}/.warden/gateway-token")).isFalse();
    }

    @Test
    void aLinkInAGrantedFolderIntoTheStateIsRefused() throws Exception {
        homeHolding("warden-state");
        Path docs = Files.createDirectories(home.resolve("docs"));
        Files.createSymbolicLink(docs.resolve("w"), wardenHome);
        Files.createSymbolicLink(docs.resolve("token"), wardenHome.resolve("gateway-token"));

        assertDenied(() -> files.read("${home}/docs/w/grants.json"), PermissionKind.FS_READ);
        assertDenied(() -> files.read("${workspace}/docs/token"), PermissionKind.FS_READ);
        assertDenied(() -> files.write("${home}/docs/w/grants.json", "{}".getBytes(StandardCharsets.UTF_8)), PermissionKind.FS_WRITE);
        assertThat(wardenHome.resolve("grants.json")).hasContent(SECRET);
    }

    @Test
    void thePluginCannotWriteOrDeleteItsOwnGrantsOrTheTrustFolder() throws Exception {
        homeHolding("warden-state");

        assertDenied(() -> files.write("${home}/warden-state/grants.json", "{}".getBytes(StandardCharsets.UTF_8)),
                PermissionKind.FS_WRITE);
        assertDenied(() -> files.write("${home}/warden-state/trust/publishers/evil.json", new byte[1]), PermissionKind.FS_WRITE);
        assertDenied(() -> files.delete("${home}/warden-state/grants.json"), PermissionKind.FS_DELETE);
        assertDenied(() -> files.delete("${workspace}/warden-state"), PermissionKind.FS_DELETE);
        assertDenied(() -> files.delete("${home}/warden-system"), PermissionKind.FS_DELETE);

        assertThat(wardenHome.resolve("grants.json")).hasContent(SECRET);
        assertThat(wardenHome.resolve("trust/publishers/evil.json")).doesNotExist();
        assertThat(system.resolve("policy.json")).hasContent(SECRET);
    }

    @Test
    void aFolderThatHoldsTheStateIsNeverDeletedSoNoForgedStateCanTakeItsPlace() throws Exception {
        homeHolding("state/warden");

        assertDenied(() -> files.delete("${home}/state"), PermissionKind.FS_DELETE);

        assertThat(wardenHome.resolve("grants.json")).hasContent(SECRET);
    }

    @Test
    void aListingOfTheHomeLeavesTheStateOut() throws Exception {
        homeHolding("warden-state");
        Files.writeString(home.resolve("notes.txt"), "mine");

        assertThat(files.list("${workspace}")).containsExactly("${workspace}/notes.txt");
    }

    @Test
    void thePluginsOwnDataFolderInsideTheStateStaysItsOwn() throws Exception {
        homeHolding("warden-state");

        files.write("${plugin_data}/notes/today.txt", "kept".getBytes(StandardCharsets.UTF_8));

        assertThat(files.read("${plugin_data}/notes/today.txt")).hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("kept"));
        assertThat(files.delete("${plugin_data}/notes/today.txt")).isTrue();
        // its way out is refused before the state is looked at: '..' never leaves a root
        assertThatThrownBy(() -> files.read("${plugin_data}/../../../grants.json")).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aWardenHomeNamedThroughALinkIsRefusedAtItsRealPathAndTheLinkIsNotDeleted() throws Exception {
        home = Files.createDirectories(temp.toRealPath().resolve("home"));
        Path real = Files.createDirectories(home.resolve("disk/warden-state"));
        Path link = Files.createSymbolicLink(home.resolve("warden-link"), real);
        homeHolding(real, link);

        assertDenied(() -> files.read("${home}/disk/warden-state/gateway-token"), PermissionKind.FS_READ);
        assertDenied(() -> files.read("${home}/warden-link/gateway-token"), PermissionKind.FS_READ);
        assertDenied(() -> files.delete("${home}/warden-link"), PermissionKind.FS_DELETE);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.exists(real.resolve("grants.json"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void aLinkedParentOfTheWardenHomeIsNotDeletedSoNoForgedStateCanTakeItsPlace() throws Exception {
        home = Files.createDirectories(temp.toRealPath().resolve("home"));
        Path disk = Files.createDirectories(temp.toRealPath().resolve("disk/apps"));
        Path apps = Files.createSymbolicLink(home.resolve("apps"), disk);
        homeHolding(Files.createDirectories(disk.resolve("warden")), apps.resolve("warden"));

        assertDenied(() -> files.delete("${home}/apps"), PermissionKind.FS_DELETE);

        assertThat(Files.isSymbolicLink(apps)).isTrue();
        assertThat(disk.resolve("warden/grants.json")).hasContent(SECRET);
    }
}
