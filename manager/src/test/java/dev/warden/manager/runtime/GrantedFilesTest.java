package dev.warden.manager.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The file capability against real folders and links: every rule of its javadoc and THREATS' Files family. */
class GrantedFilesTest extends GrantedFilesFixture {

    Path data;
    Path home;
    Path trash;
    List<String> asked = new ArrayList<>();
    boolean agree = true;

    @BeforeEach
    void folders() throws IOException {
        data = Files.createDirectories(temp.resolve("data"));
        home = Files.createDirectories(temp.resolve("home"));
        trash = temp.resolve("trash");
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
    }

    private GrantedFiles grant(String... kindAndScope) {
        return grant(Limits.defaults(), kindAndScope);
    }

    private GrantedFiles grant(Limits limits, String... kindAndScope) {
        List<Permission> perms = new ArrayList<>();
        for (int i = 0; i < kindAndScope.length; i += 2) {
            PermissionKind kind = PermissionKind.valueOf(kindAndScope[i]);
            perms.add(Permission.of(kind, kindAndScope[i + 1], "test"));
        }
        files = new GrantedFiles(new PluginRoots(ws, data, home, wardenState()), perms, audit, path -> {
            asked.add(path);
            return agree;
        }, trash, limits);
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private void assertDenied(ThrowingCall call, PermissionKind kind) {
        assertThatThrownBy(call::run).isInstanceOf(PermissionDeniedException.class)
                .satisfies(e -> assertThat(((PermissionDeniedException) e).permission()).isEqualTo(kind.id()));
        RecordingAudit.Entry e = audit.only();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.allowed()).isFalse();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    // --- paths ---

    @Test
    void readsAGrantedFileAndAuditsItsRealPath() throws Exception {
        write(ws.resolve("reports/today.csv"), "a,b");
        grant("FS_READ", "${workspace}/reports/**");

        assertThat(files.read("${workspace}/reports/today.csv")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("a,b"));
        assertThat(audit.only()).isEqualTo(new RecordingAudit.Entry(PermissionKind.FS_READ, ws.resolve("reports/today.csv").toString(), true, "read"));
    }

    @Test
    void refusesPathsThatDoNotStartWithARootVariable() {
        grant("FS_READ", "${workspace}/**", "FS_READ", "${home}/**");
        for (String path : List.of("/etc/passwd", "reports/today.csv", "~/notes", "${HOME}/x", "${workspaceX}/a",
                "${tmp}/a", "", "$" + "{workspace", " ${workspace}/a")) {
            audit.entries.clear();
            assertDenied(() -> files.read(path), PermissionKind.FS_READ);
        }
    }

    @Test
    void refusesNulBytesBackslashesAndDotDotLeavingTheRoot() {
        grant("FS_READ", "${workspace}/**");
        for (String path : List.of("${workspace}/a\0.txt", "${workspace}\\..\\outside", "${workspace}/..",
                "${workspace}/reports/../../outside/secret.txt", "${workspace}/../ws/../../x")) {
            audit.entries.clear();
            assertDenied(() -> files.read(path), PermissionKind.FS_READ);
        }
        assertThat(audit.entries.get(0).target()).doesNotContain("\0");
    }

    @Test
    void normalisesDotDotThatStaysInsideTheRoot() throws Exception {
        write(ws.resolve("reports/a.txt"), "A");
        grant("FS_READ", "${workspace}/reports/**");
        assertThat(files.read("${workspace}/other/../reports/./a.txt")).isPresent();
        assertThat(files.list("${workspace}//reports/")).containsExactly("${workspace}/reports/a.txt");
    }

    @Test
    void dotDotAfterALinkIsResolvedByNameNotThroughTheLink() throws Exception {
        // POSIX would take ${workspace}/link/.. to outside's parent; Warden reads ${workspace}/x
        Files.createSymbolicLink(ws.resolve("link"), outside);
        write(ws.resolve("x"), "inside");
        write(temp.resolve("x"), "beside outside");
        grant("FS_READ", "${workspace}/**");
        assertThat(new String(files.read("${workspace}/link/../x").orElseThrow(), UTF_8)).isEqualTo("inside");
    }

    // --- grants ---

    @Test
    void readingOutsideTheScopeIsDeniedEvenForMissingFiles() throws Exception {
        write(ws.resolve("notes/a.txt"), "A");
        grant("FS_READ", "${workspace}/reports/**");
        assertDenied(() -> files.read("${workspace}/notes/a.txt"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertDenied(() -> files.read("${workspace}/notes/missing.txt"), PermissionKind.FS_READ);
    }

    @Test
    void writeDoesNotImplyRead() throws Exception {
        write(ws.resolve("out/a.txt"), "A");
        grant("FS_WRITE", "${workspace}/out/**");
        assertDenied(() -> files.read("${workspace}/out/a.txt"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertThat(files.exists("${workspace}/out/a.txt")).isFalse();
        assertThat(audit.only().allowed()).isFalse();
        audit.entries.clear();
        assertDenied(() -> files.list("${workspace}/out"), PermissionKind.FS_READ);
    }

    static Stream<Arguments> readScopes() {
        return Stream.of(
                Arguments.of("a star scope reaches one name and not hidden ones", "${home}/.config/app/*.json",
                        "${home}/.config/app/settings.json",
                        List.of("${home}/.config/app/sub/deep.json", "${home}/.config/app/.hidden.json")),
                Arguments.of("a globstar scope reaches deep files but not dot folders", "${plugin_data}/**",
                        "${plugin_data}/a/b/c.txt", List.of("${plugin_data}/.cache/x")),
                Arguments.of("an exact file scope reaches that file only", "${workspace}/notes.txt",
                        "${workspace}/notes.txt", List.of("${workspace}/notes.txt.bak")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readScopes")
    void aReadScopeReachesItsFilesAndNotTheOnesBeside(String rule, String scope, String reached, List<String> beside)
            throws Exception {
        for (String file : Stream.concat(Stream.of(reached), beside.stream()).toList()) {
            write(real(file), file);
        }
        grant("FS_READ", scope);
        assertThat(files.read(reached)).as(rule).isPresent();
        for (String file : beside) {
            audit.entries.clear();
            assertDenied(() -> files.read(file), PermissionKind.FS_READ);
        }
    }

    /** Where a file named from a root variable is on disk. */
    private Path real(String file) {
        int end = file.indexOf('}') + 1;
        Path root = Map.of("${workspace}", ws, "${plugin_data}", data, "${home}", home).get(file.substring(0, end));
        return root.resolve(file.substring(end + 1));
    }

    @Test
    void absoluteScopesReachNothing() throws Exception {
        write(ws.resolve("a.txt"), "A");
        grant("FS_READ", ws + "/**");
        assertDenied(() -> files.read("${workspace}/a.txt"), PermissionKind.FS_READ);
    }

    // --- links ---

    @Test
    void aLinkToAnotherGrantedPlaceIsFollowed() throws Exception {
        write(ws.resolve("reports/today.csv"), "T");
        Files.createSymbolicLink(ws.resolve("current.csv"), ws.resolve("reports/today.csv"));
        grant("FS_READ", "${workspace}/reports/**");
        assertThat(files.read("${workspace}/current.csv")).isPresent();
        assertThat(audit.only().target()).isEqualTo(ws.resolve("reports/today.csv").toString());
    }

    @Test
    void aLinkInsideAGrantedFolderPointingOutsideIsDeniedForEveryCall() throws Exception {
        Files.createDirectories(ws.resolve("reports"));
        Files.createSymbolicLink(ws.resolve("reports/leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(ws.resolve("reports/out"), outside);
        grant("FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/**", "FS_DELETE", "${workspace}/**");

        assertDenied(() -> files.read("${workspace}/reports/leak.txt"), PermissionKind.FS_READ);
        assertThat(audit.only().target()).isEqualTo(outside.resolve("secret.txt").toString());
        audit.entries.clear();
        assertDenied(() -> files.read("${workspace}/reports/out/secret.txt"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertDenied(() -> files.list("${workspace}/reports/out"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertDenied(() -> files.write("${workspace}/reports/out/new.txt", "x".getBytes(UTF_8)), PermissionKind.FS_WRITE);
        audit.entries.clear();
        assertDenied(() -> files.write("${workspace}/reports/leak.txt", "x".getBytes(UTF_8)), PermissionKind.FS_WRITE);
        audit.entries.clear();
        assertDenied(() -> files.delete("${workspace}/reports/out/secret.txt"), PermissionKind.FS_DELETE);
        audit.entries.clear();
        assertThat(files.exists("${workspace}/reports/out/secret.txt")).isFalse();
        assertThat(audit.only().allowed()).isFalse();

        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("SECRET");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(asked).isEmpty();
    }

    @Test
    void deletingALinkMovesTheLinkNeverItsTarget() throws Exception {
        Files.createSymbolicLink(ws.resolve("leak.txt"), outside.resolve("secret.txt"));
        grant("FS_DELETE", "${workspace}/**");
        assertThat(files.delete("${workspace}/leak.txt")).isTrue();
        assertThat(ws.resolve("leak.txt")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("SECRET");
        try (Stream<Path> s = Files.walk(trash)) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("leak.txt")))
                    .singleElement().satisfies(p -> assertThat(Files.isSymbolicLink(p)).isTrue());
        }
    }

    @Test
    void aDanglingLinkIsNeitherReadNorWrittenThrough() throws Exception {
        Files.createSymbolicLink(ws.resolve("later.txt"), outside.resolve("planted.txt"));
        grant("FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/**");
        assertDenied(() -> files.read("${workspace}/later.txt"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertDenied(() -> files.write("${workspace}/later.txt", "x".getBytes(UTF_8)), PermissionKind.FS_WRITE);
        assertThat(outside.resolve("planted.txt")).doesNotExist();
    }

    @Test
    void writingCreatesNoLinks() throws Exception {
        grant("FS_WRITE", "${workspace}/**");
        files.write("${workspace}/a/b/c.txt", "C".getBytes(UTF_8));
        try (Stream<Path> s = Files.walk(ws)) {
            assertThat(s.filter(Files::isSymbolicLink)).isEmpty();
        }
        assertThat(Files.isRegularFile(ws.resolve("a/b/c.txt"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void procSelfEnvironIsUnreachableThroughARootLink() throws Exception {
        Path wsLink = temp.resolve("ws-proc");
        Files.createSymbolicLink(wsLink, Path.of("/proc/self"));
        files = new GrantedFiles(new PluginRoots(wsLink, data, home, wardenState()),
                List.of(Permission.of(PermissionKind.FS_READ, "${workspace}/**", "test")), audit, p -> true, trash,
                Limits.defaults());
        assertDenied(() -> files.read("${workspace}/environ"), PermissionKind.FS_READ);
        audit.entries.clear();
        assertDenied(() -> files.list("${workspace}"), PermissionKind.FS_READ);
    }

    @Test
    void procSysAndDevAreUnreachableThroughLinksInsideTheWorkspace() throws Exception {
        Files.createSymbolicLink(ws.resolve("env"), Path.of("/proc/self/environ"));
        Files.createSymbolicLink(ws.resolve("sys"), Path.of("/sys"));
        Files.createSymbolicLink(ws.resolve("zero"), Path.of("/dev/zero"));
        grant("FS_READ", "${workspace}/**");
        for (String path : List.of("${workspace}/env", "${workspace}/sys/kernel", "${workspace}/zero")) {
            audit.entries.clear();
            assertDenied(() -> files.read(path), PermissionKind.FS_READ);
            assertThat(audit.only().detail()).contains("/proc, /sys or /dev");
        }
    }

    // --- TOCTOU ---

    @Test
    void aFileSwappedForALinkAfterTheCheckIsRefused() throws Exception {
        Path file = write(ws.resolve("reports/a.txt"), "A");
        grant("FS_READ", "${workspace}/**");
        files.afterCheck(() -> swapForLink(file, outside.resolve("secret.txt")));
        assertDenied(() -> files.read("${workspace}/reports/a.txt"), PermissionKind.FS_READ);
        assertThat(audit.only().detail()).contains("replaced by a link");
    }

    @Test
    void aFolderSwappedForALinkAfterTheCheckLeavesTheReadInsideTheCheckedFolder() throws Exception {
        Path reports = Files.createDirectories(ws.resolve("reports"));
        write(reports.resolve("secret.txt"), "inside");
        grant("FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/**");
        files.afterCheck(() -> swapForLink(reports, outside));
        assertThat(new String(files.read("${workspace}/reports/secret.txt").orElseThrow(), UTF_8)).isEqualTo("inside");

        files.afterCheck(() -> { });
        Files.delete(reports);
        Files.move(ws.resolve("reports.old"), reports);
        files.afterCheck(() -> swapForLink(reports, outside));
        files.write("${workspace}/reports/new.txt", "x".getBytes(UTF_8));
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(ws.resolve("reports.old/new.txt")).hasContent("x");
    }

    @Test
    void aFolderSwappedForALinkBeforeListingIsRefused() throws Exception {
        Path reports = Files.createDirectories(ws.resolve("reports"));
        grant("FS_READ", "${workspace}/**");
        files.afterCheck(() -> swapForLink(reports, outside));
        assertDenied(() -> files.list("${workspace}/reports"), PermissionKind.FS_READ);
    }

    @Test
    void aFileSwappedForALinkBeforeDeletionMovesOnlyTheLink() throws Exception {
        Path file = write(ws.resolve("a.txt"), "A");
        grant("FS_DELETE", "${workspace}/**");
        files.afterCheck(() -> swapForLink(file, outside.resolve("secret.txt")));
        assertThat(files.delete("${workspace}/a.txt")).isTrue();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("SECRET");
    }

    private static void swapForLink(Path path, Path target) {
        try {
            Files.move(path, path.resolveSibling(path.getFileName() + ".old"));
            Files.createSymbolicLink(path, target);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // --- write ---

    @Test
    void writesAtomicallyCreatingParentsAndLeavingNoTemporaryFile() throws Exception {
        write(ws.resolve("out/old.txt"), "old");
        grant("FS_WRITE", "${workspace}/out/**");
        files.write("${workspace}/out/old.txt", "new".getBytes(UTF_8));
        files.write("${workspace}/out/x/y/z.txt", "z".getBytes(UTF_8));
        assertThat(ws.resolve("out/old.txt")).hasContent("new");
        assertThat(ws.resolve("out/x/y/z.txt")).hasContent("z");
        try (Stream<Path> s = Files.list(ws.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("old.txt", "x");
        }
        assertThat(audit.entries).hasSize(2).allSatisfy(e -> assertThat(e.allowed()).isTrue());
        assertThat(audit.entries.get(1).target()).isEqualTo(ws.resolve("out/x/y/z.txt").toString());
    }

    @Test
    void writeWithoutAGrantIsDeniedAndWritesNothing() {
        grant("FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/out/**");
        assertDenied(() -> files.write("${workspace}/in/a.txt", "x".getBytes(UTF_8)), PermissionKind.FS_WRITE);
        assertThat(ws.resolve("in")).doesNotExist();
    }

    @Test
    void writingOntoAFolderFails() throws Exception {
        Files.createDirectories(ws.resolve("out/dir"));
        grant("FS_WRITE", "${workspace}/**");
        assertThatThrownBy(() -> files.write("${workspace}/out/dir", new byte[0])).isInstanceOf(CapabilityException.class)
                .isNotInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> files.write("${workspace}", new byte[0])).isInstanceOf(CapabilityException.class);
    }

    // --- list and exists ---

    @Test
    void listsDirectEntriesSortedInThePluginsNotationLeavingOutWhatTheGrantDoesNotReach() throws Exception {
        write(ws.resolve("docs/b.md"), "b");
        write(ws.resolve("docs/a.md"), "a");
        write(ws.resolve("docs/sub/c.md"), "c");
        write(ws.resolve("docs/.env"), "TOKEN=1");
        grant("FS_READ", "${workspace}/**");
        assertThat(files.list("${workspace}/docs")).containsExactly("${workspace}/docs/a.md", "${workspace}/docs/b.md",
                "${workspace}/docs/sub");
        assertThat(files.list("${workspace}/nothing")).isEmpty();
        assertThat(files.list("${workspace}")).containsExactly("${workspace}/docs");
        assertThatThrownBy(() -> files.list("${workspace}/docs/a.md")).isInstanceOf(CapabilityException.class);
        assertThat(audit.entries).hasSize(4);
    }

    @Test
    void existsAnswersForGrantedPathsAndFalseForDeniedOnesWhileAuditingBoth() throws Exception {
        write(ws.resolve("a.txt"), "A");
        write(home.resolve("b.txt"), "B");
        grant("FS_READ", "${workspace}/**");
        assertThat(files.exists("${workspace}/a.txt")).isTrue();
        assertThat(files.exists("${workspace}/missing.txt")).isFalse();
        assertThat(files.exists("${home}/b.txt")).isFalse();
        assertThat(files.exists("/etc/passwd")).isFalse();
        assertThat(audit.entries).extracting(RecordingAudit.Entry::allowed).containsExactly(true, true, false, false);
    }

    @Test
    void readingAMissingFileOrAFolderIsNotADenial() throws Exception {
        Files.createDirectories(ws.resolve("dir"));
        grant("FS_READ", "${workspace}/**");
        assertThat(files.read("${workspace}/missing.txt")).isEmpty();
        assertThat(files.read("${workspace}/dir/missing/deeper.txt")).isEmpty();
        assertThatThrownBy(() -> files.read("${workspace}/dir")).isInstanceOf(CapabilityException.class);
        assertThat(audit.entries).hasSize(3).allSatisfy(e -> assertThat(e.allowed()).isTrue());
    }

    // --- delete ---

    @Test
    void deleteAsksAndMovesTheFileIntoItsOwnTrashEntry() throws Exception {
        Path file = write(ws.resolve("tmp/a.log"), "log");
        grant("FS_DELETE", "${workspace}/tmp/**");
        assertThat(files.delete("${workspace}/tmp/a.log")).isTrue();
        assertThat(asked).containsExactly(file.toString());
        assertThat(file).doesNotExist();
        try (Stream<Path> entries = Files.list(trash)) {
            Path entry = entries.collect(java.util.stream.Collectors.toList()).get(0);
            assertThat(entry.getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{8}");
            assertThat(entry.resolve("a.log")).hasContent("log");
        }
        assertThat(audit.only().allowed()).isTrue();
        assertThat(files.delete("${workspace}/tmp/a.log")).isFalse();
    }

    @Test
    void declinedDeletionThrowsAndLeavesTheFile() throws Exception {
        Path file = write(ws.resolve("a.txt"), "A");
        grant("FS_DELETE", "${workspace}/**");
        agree = false;
        assertThatThrownBy(() -> files.delete("${workspace}/a.txt")).isInstanceOf(CapabilityException.Declined.class);
        assertThat(file).hasContent("A");
        assertThat(audit.only().allowed()).isFalse();
        assertThat(trash).doesNotExist();
    }

    @Test
    void deleteNeedsItsOwnGrantNotWrite() throws Exception {
        write(ws.resolve("a.txt"), "A");
        grant("FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/**");
        assertDenied(() -> files.delete("${workspace}/a.txt"), PermissionKind.FS_DELETE);
        assertThat(asked).isEmpty();
    }

    @Test
    void deletingAFolderNeedsTheGrantOnEverythingInside() throws Exception {
        write(ws.resolve("build/out.o"), "o");
        write(ws.resolve("build/.env"), "TOKEN=1");
        grant("FS_DELETE", "${workspace}/build/**");
        assertDenied(() -> files.delete("${workspace}/build"), PermissionKind.FS_DELETE);
        assertThat(ws.resolve("build/.env")).exists();

        Files.delete(ws.resolve("build/.env"));
        audit.entries.clear();
        assertThat(files.delete("${workspace}/build")).isTrue();
        assertThat(ws.resolve("build")).doesNotExist();
    }

    @Test
    void aRootIsNeverDeleted() {
        grant("FS_DELETE", "${workspace}/**");
        assertDenied(() -> files.delete("${workspace}"), PermissionKind.FS_DELETE);
        assertThat(ws).exists();
    }

    // --- limits ---

    @Test
    void filesAndContentOverTheLimitsAreRefused() throws Exception {
        write(ws.resolve("big.txt"), "0123456789");
        grant(new Limits(9, 4), "FS_READ", "${workspace}/**", "FS_WRITE", "${workspace}/**");
        assertThatThrownBy(() -> files.read("${workspace}/big.txt")).isInstanceOf(CapabilityException.LimitExceeded.class);
        assertThat(audit.only().allowed()).isFalse();
        audit.entries.clear();
        assertThatThrownBy(() -> files.write("${workspace}/new.txt", new byte[5])).isInstanceOf(CapabilityException.LimitExceeded.class);
        assertThat(ws.resolve("new.txt")).doesNotExist();
        files.write("${workspace}/ok.txt", new byte[4]);
        byte[] nine = new byte[9];
        Arrays.fill(nine, (byte) 'x');
        Files.write(ws.resolve("nine.txt"), nine);
        assertThat(files.read("${workspace}/nine.txt")).hasValueSatisfying(b -> assertThat(b).hasSize(9));
    }

    @Test
    void limitsRejectNegativeValues() {
        assertThatThrownBy(() -> new Limits(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Limits.defaults().maxReadBytes()).isEqualTo(64L * 1024 * 1024);
    }
}
