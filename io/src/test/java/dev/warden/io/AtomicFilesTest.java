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

        assertThat(file).hasContent("two");
        assertThat(children()).containsExactly(file);
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

    private java.util.List<Path> children() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
