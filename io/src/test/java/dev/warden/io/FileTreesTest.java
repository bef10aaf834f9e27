package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesANestedTreeWithReadOnlyFolders() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-x------"));

        FileTrees.deleteTree(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
    }

    @Test
    void aLinkToAFolderOutsideIsRemovedAndWhatItPointsAtIsKept() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(tree.resolve("file-link"), outside.resolve("keep"));

        FileTrees.deleteTree(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }

    @Test
    void aRootThatIsALinkIsRemovedAsALinkWithoutEnteringIt() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("link"), outside);

        FileTrees.deleteTree(link);

        assertThat(link).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }

    @Test
    void aMissingTreeIsFine() throws Exception {
        FileTrees.deleteTree(dir.resolve("absent"));

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void deletingTheContentsKeepsTheFolderAndDoesNotFollowLinks() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Path folder = Files.createDirectories(dir.resolve("folder/sub"));
        Files.writeString(folder.resolve("file"), "x");
        Files.createSymbolicLink(dir.resolve("folder/link"), outside);

        FileTrees.deleteContents(dir.resolve("folder"));

        assertThat(dir.resolve("folder")).isEmptyDirectory();
        assertThat(outside.resolve("keep")).hasContent("precious");
    }

    @Test
    void theContentsOfALinkToAFolderAreNotDeleted() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "precious");
        Path link = Files.createSymbolicLink(dir.resolve("link"), outside);

        FileTrees.deleteContents(link);

        assertThat(outside.resolve("keep")).hasContent("precious");
    }
}
