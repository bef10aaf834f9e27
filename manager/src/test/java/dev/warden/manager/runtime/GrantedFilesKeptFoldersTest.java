package dev.warden.manager.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file capability keeps the folders it walked through open between calls; whatever happens to
 * them meanwhile, a call gives the same answer and audit entry as one from a capability that kept nothing.
 */
class GrantedFilesKeptFoldersTest extends GrantedFilesFixture {

    private static final String TODAY = "${workspace}/reports/today.csv";

    Path reports;

    @BeforeEach
    void folders() throws IOException {
        reports = Files.createDirectories(ws.resolve("reports"));
        Files.writeString(reports.resolve("today.csv"), "inside");
        Files.writeString(outside.resolve("today.csv"), "SECRET");
        files = capability(audit, Limits.defaults());
    }

    private GrantedFiles capability(CapabilityAudit to, Limits limits) throws IOException {
        return new GrantedFiles(new PluginRoots(ws, Files.createDirectories(temp.resolve("data")),
                Files.createDirectories(temp.resolve("home")),
                wardenState()),
                List.of(Permission.of(PermissionKind.FS_READ, "${workspace}/**", "test"),
                        Permission.of(PermissionKind.FS_WRITE, "${workspace}/**", "test")),
                to, path -> true, temp.resolve("trash"), limits);
    }

    /** What a call returned or threw, and what it reported. */
    private record Outcome(String read, Class<?> thrown, List<RecordingAudit.Entry> entries) {
    }

    interface Call {
        Object on(GrantedFiles files) throws Exception;
    }

    private static Outcome run(GrantedFiles files, RecordingAudit audit, Call call) {
        audit.entries.clear();
        String read = null;
        Class<?> thrown = null;
        try {
            Object result = call.on(files);
            read = result instanceof Optional<?> o ? o.map(b -> new String((byte[]) b, UTF_8)).orElse("(none)") : String.valueOf(result);
        } catch (Exception e) {
            thrown = e.getClass();
        }
        return new Outcome(read, thrown, List.copyOf(audit.entries));
    }

    /** The call on the capability that has kept its folders, then on a new one, which must agree. */
    private Outcome keptAndFreshAgree(Call call) throws IOException {
        Outcome kept = run(files, audit, call);
        RecordingAudit freshAudit = new RecordingAudit();
        try (GrantedFiles fresh = capability(freshAudit, Limits.defaults())) {
            assertThat(kept).isEqualTo(run(fresh, freshAudit, call));
        }
        return kept;
    }

    private void warmUp() throws Exception {
        assertThat(new String(files.read(TODAY).orElseThrow(), UTF_8)).isEqualTo("inside");
        audit.entries.clear();
    }

    @Test
    void aKeptFolderReplacedByALinkToOutsideIsDeniedAsIfNothingWereKept() throws Exception {
        warmUp();
        Files.move(reports, ws.resolve("reports.old"));
        Files.createSymbolicLink(reports, outside);

        Outcome o = keptAndFreshAgree(f -> f.read(TODAY));
        assertThat(o.thrown()).isEqualTo(PermissionDeniedException.class);
        assertThat(o.entries()).containsExactly(new RecordingAudit.Entry(PermissionKind.FS_READ,
                outside.resolve("today.csv").toString(), false, "a link leads outside ${workspace}"));
        assertThat(keptAndFreshAgree(f -> f.list("${workspace}/reports")).thrown()).isEqualTo(PermissionDeniedException.class);
        assertThat(keptAndFreshAgree(f -> f.exists(TODAY)).read()).isEqualTo("false");
    }

    @Test
    void aKeptFolderReplacedByAnotherFolderIsReadFromTheNewOne() throws Exception {
        warmUp();
        Files.move(reports, ws.resolve("reports.old"));
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("today.csv"), "new");

        Outcome o = keptAndFreshAgree(f -> f.read(TODAY));
        assertThat(o.read()).isEqualTo("new");
        assertThat(o.entries()).singleElement().satisfies(e -> assertThat(e.target()).isEqualTo(reports.resolve("today.csv").toString()));
    }

    @Test
    void aKeptFolderMovedOutsideTheRootIsNotUsed() throws Exception {
        warmUp();
        Files.delete(outside.resolve("today.csv"));
        Files.move(reports, outside.resolve("reports"));

        Outcome o = keptAndFreshAgree(f -> f.read(TODAY));
        assertThat(o.read()).isEqualTo("(none)");
        assertThat(o.entries()).containsExactly(new RecordingAudit.Entry(PermissionKind.FS_READ,
                reports.resolve("today.csv").toString(), true, "no such file"));

        Files.writeString(outside.resolve("reports/later.txt"), "outside");
        files.write("${workspace}/reports/later.txt", "inside".getBytes(UTF_8));
        assertThat(outside.resolve("reports/later.txt")).hasContent("outside");
        assertThat(reports.resolve("later.txt")).hasContent("inside");
    }

    @Test
    void aKeptFolderReplacedByAFileIsAParentThatIsAFile() throws Exception {
        warmUp();
        Files.move(reports, ws.resolve("reports.old"));
        Files.writeString(reports, "a file now");

        assertThat(keptAndFreshAgree(f -> f.read(TODAY)).read()).isEqualTo("(none)");
        assertThat(keptAndFreshAgree(f -> {
            f.write(TODAY, new byte[1]);
            return null;
        }).thrown()).isEqualTo(CapabilityException.class);
    }

    @Test
    void aKeptFolderBelowAReplacedOneIsNotUsed() throws Exception {
        Path deep = Files.createDirectories(ws.resolve("a/b"));
        Files.writeString(deep.resolve("c.txt"), "old");
        assertThat(files.read("${workspace}/a/b/c.txt")).isPresent();
        Files.move(ws.resolve("a"), outside.resolve("a"));
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("c.txt"), "new");

        assertThat(keptAndFreshAgree(f -> f.read("${workspace}/a/b/c.txt")).read()).isEqualTo("new");

        // the first b, moved below the new a, is the folder at that name again
        Files.delete(deep.resolve("c.txt"));
        Files.delete(deep);
        Files.move(outside.resolve("a/b"), deep);
        assertThat(keptAndFreshAgree(f -> f.read("${workspace}/a/b/c.txt")).read()).isEqualTo("old");
    }

    @Test
    void aKeptFolderSwappedForALinkAfterTheCheckLeavesTheReadInsideTheCheckedFolder() throws Exception {
        warmUp();
        files.afterCheck(() -> {
            try {
                Files.move(reports, ws.resolve("reports.old"));
                Files.createSymbolicLink(reports, outside);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(new String(files.read(TODAY).orElseThrow(), UTF_8)).isEqualTo("inside");
        files.afterCheck(() -> { });
        assertThatThrownBy(() -> files.read(TODAY)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aFifoIsNeverOpenedWhetherItsFolderIsKeptOrNot() throws Exception {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", reports.resolve("pipe").toString()).start();
        } catch (IOException e) {
            Assumptions.abort("mkfifo is not available");
            return;
        }
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 2; i++) {
                Outcome o = keptAndFreshAgree(f -> f.read("${workspace}/reports/pipe"));
                assertThat(o.thrown()).isEqualTo(CapabilityException.class);
                assertThat(o.entries()).containsExactly(new RecordingAudit.Entry(PermissionKind.FS_READ,
                        reports.resolve("pipe").toString(), true, "failed: not a regular file"));
            }
        });
    }

    // --- a file that changes size between the check and the read ---

    @Test
    void aFileThatGrewAfterTheCheckIsReadToItsEnd() throws Exception {
        byte[] more = new byte[20_000];
        Arrays.fill(more, (byte) 'x');
        files.afterCheck(() -> append(reports.resolve("today.csv"), more));
        byte[] read = files.read(TODAY).orElseThrow();
        assertThat(read).hasSize("inside".length() + more.length);
        assertThat(new String(read, 0, 6, UTF_8)).isEqualTo("inside");
    }

    @Test
    void aFileThatGrewPastTheLimitAfterTheCheckIsRefused() throws Exception {
        files.close();
        files = capability(audit, new Limits(10, 10));
        files.afterCheck(() -> append(reports.resolve("today.csv"), new byte[5]));
        assertThatThrownBy(() -> files.read(TODAY)).isInstanceOf(CapabilityException.LimitExceeded.class);
    }

    @Test
    void aFileThatGrewToTheLimitAfterTheCheckIsRead() throws Exception {
        files.close();
        files = capability(audit, new Limits(10, 10));
        files.afterCheck(() -> append(reports.resolve("today.csv"), new byte[4]));
        assertThat(files.read(TODAY).orElseThrow()).hasSize(10);
    }

    @Test
    void aFileThatShrankAfterTheCheckIsReadToItsNewEnd() throws Exception {
        files.afterCheck(() -> {
            try {
                Files.writeString(reports.resolve("today.csv"), "in");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(new String(files.read(TODAY).orElseThrow(), UTF_8)).isEqualTo("in");
    }

    @Test
    void anEmptyFileIsReadAsNoBytes() throws Exception {
        Files.write(reports.resolve("today.csv"), new byte[0]);
        assertThat(files.read(TODAY).orElseThrow()).isEmpty();
    }

    @Test
    void aFileEmptyAtTheCheckIsStillReadToItsEnd() throws Exception {
        // as a file system that reports no size would have it
        Files.write(reports.resolve("today.csv"), new byte[0]);
        files.afterCheck(() -> append(reports.resolve("today.csv"), "late".getBytes(UTF_8)));
        assertThat(new String(files.read(TODAY).orElseThrow(), UTF_8)).isEqualTo("late");
    }

    private static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
