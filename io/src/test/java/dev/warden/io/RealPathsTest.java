package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealPathsTest {

    @TempDir
    Path dir;

    @Test
    void theRealPathOfAMissingFileIsItsParentsRealPathWithTheMissingNames() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);

        assertThat(RealPaths.of(link.resolve("missing/file.txt")))
                .isEqualTo(real.toRealPath().resolve("missing/file.txt"));
    }

    @Test
    void theRealPathOfAnExistingFileResolvesItsLinks() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("real")).resolve("file"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);

        assertThat(RealPaths.of(link)).isEqualTo(file.toRealPath());
        assertThat(RealPaths.ofExisting(link)).contains(file.toRealPath());
        assertThat(RealPaths.ofExisting(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void aDotDotThatClimbsOutIsNotInside() {
        Path folder = dir.resolve("folder");

        assertThat(RealPaths.isInside(folder.resolve("a/../b"), folder)).isTrue();
        assertThat(RealPaths.isInside(folder.resolve("a/../../escape"), folder)).isFalse();
        assertThat(RealPaths.isInside(folder.resolve(".."), folder)).isFalse();
    }

    @Test
    void insideComparesNamesNotText() {
        assertThat(RealPaths.isInside(dir.resolve("folder-other/file"), dir.resolve("folder"))).isFalse();
        assertThat(RealPaths.isInside(dir.resolve("folder"), dir.resolve("folder"))).isTrue();
        assertThat(RealPaths.isBelow(dir.resolve("folder"), dir.resolve("folder"))).isFalse();
        assertThat(RealPaths.isBelow(dir.resolve("folder/file"), dir.resolve("folder"))).isTrue();
    }

    @Test
    void aLinkThatLeadsOutIsInsideAsNamedButNotReally() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path link = Files.createSymbolicLink(folder.resolve("link"), outside);

        assertThat(RealPaths.isInside(link.resolve("file"), folder)).isTrue();
        assertThat(RealPaths.reallyInside(link.resolve("file"), folder)).isFalse();
        assertThat(RealPaths.reallyInside(folder.resolve("missing/file"), folder)).isTrue();
    }

    @Test
    void aFolderReachedThroughALinkIsReallyInsideItsRealSelf() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), folder);

        assertThat(RealPaths.reallyInside(folder.resolve("file"), alias)).isTrue();
    }
}
