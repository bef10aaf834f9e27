package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedTreeTest {

    @TempDir
    Path tmp;

    private PinnedTree cloned(TestRepository repo) throws Exception {
        String pin = GitMarketplace.cloneInto(repo.commitAnd().url(), tmp.resolve("clone"));
        return GitMarketplace.openTree(tmp.resolve("clone"), pin);
    }

    private static Optional<String> text(PinnedTree tree, String path) throws MarketplaceException {
        return tree.readFile(path, 1024).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void readsManyFilesUnderTheSameFoldersEachAsCommitted() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin"));
        for (int i = 0; i < 20; i++) {
            repo.file("plugins/p" + i + "/.claude-plugin/plugin.json", "{\"n\": " + i + "}");
        }
        try (repo; PinnedTree tree = cloned(repo)) {
            for (int i = 0; i < 20; i++) {
                assertThat(text(tree, "plugins/p" + i + "/.claude-plugin/plugin.json")).contains("{\"n\": " + i + "}");
            }
            assertThat(text(tree, "plugins/p3/.claude-plugin/plugin.json")).contains("{\"n\": 3}");
        }
    }

    @Test
    void findsNothingForAMissingNameOrWhereAFolderOnTheWayIsAFile() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "b").file("c.txt", "c");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "a/missing.txt")).isEmpty();
            assertThat(text(tree, "missing/b.txt")).isEmpty();
            assertThat(text(tree, "c.txt/b.txt")).isEmpty();
            assertThat(text(tree, "A/b.txt")).isEmpty();
        }
    }

    @Test
    void refusesAFolderALinkAndAFileLargerThanAsked() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "0123456789")
                .link("a/link.txt", "b.txt");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThatThrownBy(() -> tree.readFile("a", 1024)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> tree.readFile("a/link.txt", 1024)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> tree.readFile("a/b.txt", 9)).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("10 bytes");
            assertThat(tree.readFile("a/b.txt", 10)).isPresent();
        }
    }

    @Test
    void matchesNamesByTheirUtf8Bytes() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("plugins/café/ü.md", "accents");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "plugins/café/ü.md")).contains("accents");
            assertThat(text(tree, "plugins/cafe/ü.md")).isEmpty();
        }
    }

    @Test
    void answersAPathWithEmptyNamesAsJGitsWalkDoes() throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("origin")).file("a/b.txt", "b");
        try (repo; PinnedTree tree = cloned(repo)) {
            assertThat(text(tree, "a/b.txt")).contains("b");
            assertThat(text(tree, "a/b.txt/")).isEqualTo(text(tree, "a/b.txt"));
        }
    }
}
