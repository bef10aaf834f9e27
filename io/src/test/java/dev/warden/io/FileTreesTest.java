package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    /** A folder beside every tree deleted here, which no deletion may reach. */
    private Path outside;

    @BeforeEach
    void aFolderOutsideTheTree() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
    }

    @Test
    void deletesANestedTreeWithReadOnlyFolders() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-x------"));

        FileTrees.deleteTree(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
    }

    @Test
    void aLinkInsideIsRemovedAndWhatItPointsAtIsKept() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(tree.resolve("file-link"), outside.resolve("keep"));

        FileTrees.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }

    @Test
    void aRootThatIsALinkIsNeverEntered() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), outside);

        FileTrees.deleteContents(link);
        assertThat(outside.resolve("keep")).hasContent("precious");

        FileTrees.deleteTree(link);
        assertThat(link).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }

    @Test
    void aMissingTreeIsFine() throws Exception {
        FileTrees.deleteTree(dir.resolve("absent"));
        FileTrees.deleteContents(dir.resolve("absent"));

        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void deletingTheContentsKeepsTheFolderAndDoesNotFollowLinks() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("folder/sub")).resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("folder/link"), outside);

        FileTrees.deleteContents(dir.resolve("folder"));

        assertThat(dir.resolve("folder")).isEmptyDirectory();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }
}
