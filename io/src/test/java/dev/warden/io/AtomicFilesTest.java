package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsAndReplacesAFileLeavingNoTemporaryFile() throws Exception {
        Path file = dir.resolve("state.json");

        AtomicFiles.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "two".getBytes(StandardCharsets.UTF_8));

        assertOnlyFileHolds(file, "two");
    }

    @Test
    void aFailedReplaceLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = Files.createDirectory(dir.resolve("state.json"));
        Files.writeString(target.resolve("inside"), "keep");

        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);

        assertThat(target.resolve("inside")).hasContent("keep");
        assertThat(children()).containsExactly(target);
    }

    @Test
    void aCrashBeforeTheRenameLeavesTheOldContentAndARecognisableTemporaryFile() throws Exception {
        Path file = dir.resolve("state.json");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFiles.write(file, "new content".getBytes(StandardCharsets.UTF_8), step -> {
            if (step.endsWith("temporary file synced")) {
                throw new IllegalStateException("crash");
            }
        }, "state")).hasMessage("crash");

        assertThat(file).hasContent("old");
        assertThat(children()).hasSize(2).filteredOn(AtomicFiles::isTemporary).hasSize(1);
    }

    @Test
    void anOwnerOnlyFileIsMode0600AndReplacesAMoreOpenOne() throws Exception {
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        AtomicFiles.writeOwnerOnly(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(children()).containsExactly(file);
    }

    @Test
    void theTemporaryFileOfAnOwnerOnlyWriteIsMode0600BeforeAnyByteIsWritten() throws Exception {
        Path file = dir.resolve("secrets.json");
        List<String> modes = new ArrayList<>();

        AtomicFiles.write(file, "value".getBytes(StandardCharsets.UTF_8), step -> {
            if (step.endsWith("temporary file half written")) {
                try {
                    for (Path temp : children()) {
                        modes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, "secrets", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        assertThat(modes).containsExactly("rw-------");
    }

    @Test
    void recognisesOnlyItsOwnTemporaryFiles() {
        assertThat(AtomicFiles.isTemporary(Path.of(".catalog.json.0123abcd.tmp"))).isTrue();
        assertThat(AtomicFiles.isTemporary(Path.of("catalog.json.tmp"))).isFalse();
        assertThat(AtomicFiles.isTemporary(Path.of(".tmp"))).isFalse();
        assertThat(AtomicFiles.isTemporary(Path.of(".lock"))).isFalse();
    }

    @Test
    void aStreamedWriteCanReadBackWhatItWroteBeforeTheRename() throws Exception {
        Path file = dir.resolve("bundle.wpk");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();

        AtomicFiles.write(file, (channel, temp) -> {
            channel.write(java.nio.ByteBuffer.wrap("streamed".getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            seen.add(Files.readString(temp));
            seen.add(Files.readString(file));
        });

        assertThat(seen).containsExactly("streamed", "old");
        assertOnlyFileHolds(file, "streamed");
    }

    @Test
    void aStreamedWriteThatFailsLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("bundle.wpk");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> AtomicFiles.write(file, (channel, temp) -> {
            channel.write(java.nio.ByteBuffer.wrap("half".getBytes(StandardCharsets.UTF_8)));
            throw new java.util.concurrent.TimeoutException("refused halfway");
        })).isInstanceOf(java.util.concurrent.TimeoutException.class).hasMessage("refused halfway");

        assertOnlyFileHolds(file, "old");
    }

    @Test
    void aFileWrittenBesideReplacesTheTarget() throws Exception {
        Path file = dir.resolve("target.bin");
        Files.writeString(file, "old");
        Path download = Files.writeString(dir.resolve(".download.part"), "new");

        AtomicFiles.replace(download, file);

        assertOnlyFileHolds(file, "new");
    }

    @Test
    void aRenamedFolderArrivesWholeAndNeverReplacesAnExistingOne() throws Exception {
        Path staged = Files.createDirectories(dir.resolve("staging/plugin"));
        Files.writeString(staged.resolve("plugin.json"), "{}");
        Path target = dir.resolve("plugins/acme/1.0.0");
        Files.createDirectories(target.getParent());

        AtomicFiles.rename(staged, target);

        assertThat(target.resolve("plugin.json")).hasContent("{}");
        assertThat(staged).doesNotExist();

        Path other = Files.createDirectories(dir.resolve("staging/other"));
        assertThatThrownBy(() -> AtomicFiles.rename(other, target))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(target.resolve("plugin.json")).hasContent("{}");
    }

    @Test
    void aCrashAtAnyStepLeavesTheOldOrTheNewContentWhole() throws Exception {
        List<String> steps = new ArrayList<>();
        AtomicFiles.write(dir.resolve("probe"), "x".getBytes(StandardCharsets.UTF_8), steps::add, "probe");
        for (String step : steps) {
            Path file = dir.resolve("state.json");
            AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> AtomicFiles.write(file, "new content".getBytes(StandardCharsets.UTF_8), reached -> {
                if (reached.equals(step.replace("probe", "state"))) {
                    throw new IllegalStateException("crash");
                }
            }, "state")).hasMessage("crash");

            assertThat(Files.readString(file)).as("after a crash at '%s'", step).isIn("old", "new content");
        }
        assertThat(steps).hasSize(5);
    }

    @Test
    void aWriteInsideAnOpenFolderReplacesTheFileAndIgnoresALinkSwappedInForTheFolder() throws Exception {
        Path granted = Files.createDirectories(dir.resolve("granted"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(granted.resolve("notes.txt"), "old");
        try (java.nio.file.DirectoryStream<Path> opened = Files.newDirectoryStream(granted)) {
            @SuppressWarnings("unchecked")
            java.nio.file.SecureDirectoryStream<Path> folder = (java.nio.file.SecureDirectoryStream<Path>) opened;
            Files.move(granted, dir.resolve("moved"));
            Files.createSymbolicLink(granted, elsewhere);

            AtomicFiles.write(folder, Path.of("notes.txt"), "new".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(dir.resolve("moved/notes.txt")).hasContent("new");
        assertThat(elsewhere).isEmptyDirectory();
        try (Stream<Path> files = Files.list(dir.resolve("moved"))) {
            assertThat(files.filter(AtomicFiles::isTemporary)).isEmpty();
        }
    }

    /** The folder holds {@code file} with {@code content} and nothing else, no temporary file in particular. */
    private void assertOnlyFileHolds(Path file, String content) throws IOException {
        assertThat(file).hasContent(content);
        assertThat(children()).containsExactly(file);
    }

    private java.util.List<Path> children() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
