package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LooseObjectReaderTest {

    @TempDir
    Path objects;

    private static final ObjectId ID = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

    /** Writes {@code stored} (deflated, plus {@code trailing} raw bytes) where the loose object {@link #ID} lives. */
    private void store(String stored, byte[] trailing) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(stored.getBytes(StandardCharsets.ISO_8859_1));
        }
        bytes.write(trailing);
        Path file = objects.resolve(ID.name().substring(0, 2)).resolve(ID.name().substring(2));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
    }

    private String read(int type) throws Exception {
        try (LooseObjectReader reader = new LooseObjectReader(objects)) {
            return reader.read(ID, type).map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse("<left to JGit>");
        }
    }

    @Test
    void readsTheContentOfALooseObjectOfTheTypeAsked() throws Exception {
        store("blob 5\0hello", new byte[0]);
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("hello");
        store("tree 0\0", new byte[0]);
        assertThat(read(Constants.OBJ_TREE)).isEmpty();
    }

    @Test
    @Timeout(20)
    void leavesAFifoOrALinkWhereALooseObjectWouldBeToJGitWithoutOpeningIt() throws Exception {
        Path file = objects.resolve(ID.name().substring(0, 2)).resolve(ID.name().substring(2));
        Files.createDirectories(file.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        assertThat(read(Constants.OBJ_BLOB)).as("opening the FIFO would wait for a writer").isEqualTo("<left to JGit>");

        Files.delete(file);
        Path elsewhere = Files.writeString(objects.resolve("elsewhere"), "not an object");
        Files.createSymbolicLink(file, elsewhere);
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
    }

    @Test
    void leavesAMissingObjectToJGit() throws Exception {
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
        Files.createDirectories(objects.resolve(ID.name().substring(0, 2)));
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
    }

    @Test
    void leavesAnObjectOfAnotherTypeOrAMalformedHeaderToJGit() throws Exception {
        for (String stored : new String[] {"blob 5\0hello", "blobs 5\0hello", "blob 05\0hello", "blob\0hello",
                "blob -5\0hello", "blob 5 hello", "blob 99999999999\0hello"}) {
            store(stored, new byte[0]);
            assertThat(read(Constants.OBJ_TREE)).as(stored).isEqualTo("<left to JGit>");
        }
    }

    @Test
    void leavesAnObjectWhoseSizeIsNotItsContentsToJGit() throws Exception {
        store("blob 4\0hello", new byte[0]);
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
        store("blob 6\0hello", new byte[0]);
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
    }

    @Test
    void leavesAFileWithBytesAfterTheStreamOrNotAStreamToJGit() throws Exception {
        store("blob 5\0hello", new byte[] {1, 2, 3});
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
        Files.write(objects.resolve(ID.name().substring(0, 2)).resolve(ID.name().substring(2)),
                "blob 5\0hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(read(Constants.OBJ_BLOB)).isEqualTo("<left to JGit>");
    }
}
