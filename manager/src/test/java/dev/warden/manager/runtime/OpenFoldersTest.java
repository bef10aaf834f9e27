package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept folder handles: reused only while their name still leads to them, closed once nobody uses them. */
class OpenFoldersTest {

    @TempDir
    Path temp;

    SecureDirectoryStream<Path> root;
    OpenFolders folders = new OpenFolders();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openRoot() throws IOException {
        temp = temp.toRealPath();
        DirectoryStream<Path> ds = Files.newDirectoryStream(temp);
        root = (SecureDirectoryStream<Path>) ds;
    }

    @AfterEach
    void closeAll() throws IOException {
        folders.close();
        root.close();
    }

    private static boolean isOpen(OpenFolders.Folder folder) throws IOException {
        try {
            folder.stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
            return true;
        } catch (ClosedDirectoryStreamException e) {
            return false;
        }
    }

    /** One walk through the folder, ended: the folder it was handed. */
    private OpenFolders.Folder walkThrough(String name) throws IOException {
        OpenFolders.Folder folder = folders.open(root, List.of(name));
        folders.release(folder);
        return folder;
    }

    private static boolean holds(OpenFolders.Folder folder, String name) throws IOException {
        return RootFolder.lstat(folder.stream, Path.of(name)) != null;
    }

    @Test
    void reusesAKeptFolderWhileItsNameStillLeadsToIt() throws IOException {
        Files.createDirectories(temp.resolve("reports"));
        OpenFolders.Folder first = walkThrough("reports");
        OpenFolders.Folder second = walkThrough("reports");

        assertThat(second).isSameAs(first);
        assertThat(isOpen(first)).isTrue();
        assertThat(folders.size()).isEqualTo(1);
    }

    @Test
    void aFolderRenamedBackUnderItsNameIsStillTheKeptOne() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        OpenFolders.Folder first = walkThrough("reports");
        Files.move(reports, temp.resolve("elsewhere"));
        Files.move(temp.resolve("elsewhere"), reports);

        OpenFolders.Folder second = walkThrough("reports");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aKeptFolderReplacedByAnotherIsClosedAndTheNewOneOpened() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        OpenFolders.Folder old = walkThrough("reports");
        Files.move(reports, temp.resolve("reports.old"));
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("new.txt"), "new");

        OpenFolders.Folder now = walkThrough("reports");
        assertThat(now).isNotSameAs(old);
        assertThat(holds(now, "new.txt")).isTrue();
        assertThat(isOpen(old)).isFalse();
        assertThat(folders.size()).isEqualTo(1);
    }

    @Test
    void aLinkWhereAFolderWasKeptIsNotOpenedAndTheKeptOneIsDropped() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        OpenFolders.Folder old = walkThrough("reports");
        Files.move(reports, outside.resolve("reports"));
        Files.createSymbolicLink(reports, outside.resolve("reports"));

        assertThatThrownBy(() -> folders.open(root, List.of("reports"))).isInstanceOf(IOException.class);
        assertThat(isOpen(old)).isFalse();
        assertThat(folders.size()).isZero();
    }

    @Test
    void aKeptFolderMovedAwayIsNotHandedOutForItsOldName() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        OpenFolders.Folder old = walkThrough("reports");
        Files.move(reports, temp.resolve("moved"));

        assertThatThrownBy(() -> folders.open(root, List.of("reports"))).isInstanceOf(IOException.class);
        assertThat(isOpen(old)).isFalse();
    }

    @Test
    void aDroppedFolderStaysOpenUntilItsLastUserReleasesIt() throws IOException {
        Path reports = Files.createDirectories(temp.resolve("reports"));
        Files.writeString(reports.resolve("a.txt"), "A");
        OpenFolders.Folder inUse = folders.open(root, List.of("reports"));
        Files.move(reports, temp.resolve("reports.old"));
        Files.createDirectories(reports);

        OpenFolders.Folder other = folders.open(root, List.of("reports"));
        assertThat(other).isNotSameAs(inUse);
        assertThat(holds(inUse, "a.txt")).isTrue();
        folders.release(inUse);
        assertThat(isOpen(inUse)).isFalse();
        folders.release(other);
        assertThat(isOpen(other)).isTrue();
    }

    @Test
    void keepsAtMostMaxKeptFoldersClosingTheLeastRecentlyUsed() throws IOException {
        OpenFolders.Folder first = null;
        for (int i = 0; i <= OpenFolders.MAX_KEPT; i++) {
            Files.createDirectories(temp.resolve("d" + i));
            OpenFolders.Folder f = walkThrough("d" + i);
            first = first == null ? f : first;
        }
        assertThat(folders.size()).isEqualTo(OpenFolders.MAX_KEPT);
        assertThat(isOpen(first)).isFalse();
    }

    @Test
    void closeClosesWhatIsUnusedAndTheRestWhenReleasedKeepingNothingAfter() throws IOException {
        Files.createDirectories(temp.resolve("a"));
        Files.createDirectories(temp.resolve("b"));
        OpenFolders.Folder held = folders.open(root, List.of("a"));
        OpenFolders.Folder idle = walkThrough("b");

        folders.close();
        assertThat(isOpen(idle)).isFalse();
        assertThat(isOpen(held)).isTrue();
        folders.release(held);
        assertThat(isOpen(held)).isFalse();

        OpenFolders.Folder late = folders.open(root, List.of("a"));
        assertThat(folders.size()).isZero();
        folders.release(late);
        assertThat(isOpen(late)).isFalse();
    }
}
