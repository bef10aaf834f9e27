package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.registry.git.GitMarketplaceWriter.NewMarketplace;
import dev.warden.registry.git.GitMarketplaceWriter.Publication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publishing a Claude plugin folder into a local git marketplace, read back by Warden's own git marketplace reader. */
class GitMarketplaceWriterTest {

    private static final NewMarketplace ACME = new NewMarketplace("acme-plugins", "Acme");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void publishesIntoANewRepositoryThatWardensReaderListsAndCopiesByteForByte() throws Exception {
        Path plugin = plugin("hello", "0.1.0");
        Path market = temp.resolve("market");

        Publication published = GitMarketplaceWriter.publish(market, plugin, ACME);

        assertThat(published).isEqualTo(new Publication("acme-plugins", "hello", "0.1.0", published.commit(), true, false));
        try (Git git = Git.open(market.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            assertThat(head.name()).isEqualTo(published.commit());
            assertThat(head.getFullMessage()).isEqualTo("Publish hello 0.1.0");
            assertThat(git.status().call().isClean()).isTrue();
        }
        ClaudeMarketplace read = readBack(market);
        assertThat(read.name()).isEqualTo("acme-plugins");
        assertThat(read.owner()).contains("Acme");
        ClaudeListing listing = read.plugin("hello").orElseThrow();
        assertThat(listing.version()).contains("0.1.0");
        assertThat(listing.description()).isEqualTo("Says hello");
        assertThat(listing.source()).isEqualTo(new PluginSource.Relative("plugins/hello"));
        assertThat(files(materialise(market, listing))).isEqualTo(files(plugin));
    }

    @Test
    void updatesItsOwnEntryAndKeepsOtherEntriesAndUnknownFieldsAsTheyAre() throws Exception {
        Path market = temp.resolve("market");
        try (TestRepository repo = TestRepository.init(market)) {
            repo.file(".claude-plugin/marketplace.json", """
                    {"name": "team", "owner": {"name": "Team", "email": "team@example.test"}, "x-team": [1, 2.50],
                     "plugins": [
                       {"name": "other", "source": "./plugins/other", "version": "2.0.0", "x-note": "keep me"},
                       {"name": "hello", "source": "./old/hello", "version": "0.0.1", "keywords": ["greeting"]}
                     ]}
                    """).file("plugins/other/.claude-plugin/plugin.json", "{\"name\": \"other\"}").commit("team");
        }

        Publication published = GitMarketplaceWriter.publish(market, plugin("hello", "0.2.0"), ACME);

        assertThat(published.marketplace()).isEqualTo("team");
        assertThat(published.created()).isFalse();
        assertThat(published.replaced()).isTrue();
        String text = Files.readString(market.resolve(GitMarketplace.MARKETPLACE_FILE));
        JsonNode written = JSON.readTree(text);
        assertThat(written.get("owner").get("email").asString()).isEqualTo("team@example.test");
        assertThat(text).contains("2.50");
        assertThat(written.get("plugins")).hasSize(2);
        assertThat(written.get("plugins").get(0)).isEqualTo(JSON.readTree(
                "{\"name\": \"other\", \"source\": \"./plugins/other\", \"version\": \"2.0.0\", \"x-note\": \"keep me\"}"));
        assertThat(written.get("plugins").get(1)).isEqualTo(JSON.readTree("{\"name\": \"hello\", \"source\": \"./plugins/hello\","
                + " \"version\": \"0.2.0\", \"keywords\": [\"greeting\"], \"description\": \"Says hello\"}"));
        ClaudeMarketplace read = readBack(market);
        assertThat(read.plugins()).extracting(ClaudeListing::name).containsExactly("other", "hello");
        assertThat(read.plugin("hello").orElseThrow().version()).contains("0.2.0");
    }

    @Test
    void aFileRemovedFromThePluginIsGoneFromTheMarketplace() throws Exception {
        Path plugin = plugin("hello", "0.1.0");
        Path market = temp.resolve("market");
        GitMarketplaceWriter.publish(market, plugin, ACME);
        Files.delete(plugin.resolve("skills/greeting/SKILL.md"));
        Files.writeString(plugin.resolve("README.md"), "# hello, second edition\n");
        rewriteManifest(plugin, "hello", "0.1.1");

        Publication second = GitMarketplaceWriter.publish(market, plugin, ACME);

        assertThat(second.replaced()).isTrue();
        Path copy = materialise(market, readBack(market).plugin("hello").orElseThrow());
        assertThat(files(copy)).isEqualTo(files(plugin)).doesNotContainKey("skills/greeting/SKILL.md");
        assertThat(market.resolve("plugins/hello/skills")).doesNotExist();
    }

    @Test
    void theSourcesGitFolderIsLeftOut() throws Exception {
        Path plugin = plugin("hello", "0.1.0");
        try (Git git = Git.init().setDirectory(plugin.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
        }

        GitMarketplaceWriter.publish(temp.resolve("market"), plugin, ACME);

        assertThat(temp.resolve("market/plugins/hello/.git")).doesNotExist();
        assertThat(files(temp.resolve("market/plugins/hello"))).isEqualTo(files(plugin));
    }

    @Test
    void aLinkInThePluginIsRefusedAndTheMarketplaceStaysAsItWas() throws Exception {
        Path market = temp.resolve("market");
        GitMarketplaceWriter.publish(market, plugin("hello", "0.1.0"), ACME);
        Path plugin = plugin("hello", "0.2.0");
        Files.createSymbolicLink(plugin.resolve("skills/passwd"), Path.of("/etc/passwd"));
        Map<String, String> before = state(market);

        assertThatThrownBy(() -> GitMarketplaceWriter.publish(market, plugin, ACME))
                .isInstanceOf(MarketplaceException.class)
                .hasMessageContaining("skills/passwd").hasMessageContaining("symbolic link")
                .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.REFUSED);
        assertThat(state(market)).isEqualTo(before);
    }

    @Test
    void aNewMarketplaceIsNotMadeWhenThePluginIsRefused() throws Exception {
        Path plugin = plugin("hello", "0.1.0");
        Files.createSymbolicLink(plugin.resolve("link"), Path.of("README.md"));

        assertThatThrownBy(() -> GitMarketplaceWriter.publish(temp.resolve("market"), plugin, ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("link");
        assertThat(temp.resolve("market")).doesNotExist();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("hello");
        }
    }

    @Test
    void aPluginFileTheMarketplaceIgnoresIsRefusedAfterTheCommitAndEverythingIsPutBack() throws Exception {
        Path market = temp.resolve("market");
        GitMarketplaceWriter.publish(market, plugin("hello", "0.1.0"), ACME);
        Files.writeString(market.resolve(".gitignore"), "*.log\n");
        try (Git git = Git.open(market.toFile())) {
            git.add().addFilepattern(".gitignore").call();
            git.commit().setMessage("ignore logs").setAuthor("t", "t@example.test").setCommitter("t", "t@example.test")
                    .setSign(false).call();
        }
        Path plugin = plugin("hello", "0.2.0");
        Files.writeString(plugin.resolve("notes.log"), "a file the marketplace's .gitignore leaves out");
        Map<String, String> before = state(market);

        assertThatThrownBy(() -> GitMarketplaceWriter.publish(market, plugin, ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("notes.log").hasMessageContaining(".gitignore")
                .hasMessageContaining("as it was");
        assertThat(state(market)).isEqualTo(before);
    }

    @Test
    void aMarketplaceWithUncommittedChangesIsRefused() throws Exception {
        Path market = temp.resolve("market");
        GitMarketplaceWriter.publish(market, plugin("hello", "0.1.0"), ACME);
        Files.writeString(market.resolve("draft.md"), "work in progress");
        Map<String, String> before = state(market);

        assertThatThrownBy(() -> GitMarketplaceWriter.publish(market, plugin("hello", "0.2.0"), ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("uncommitted changes");
        assertThat(state(market)).isEqualTo(before);
    }

    @Test
    void aMarketplaceWithADetachedHeadIsRefused() throws Exception {
        Path market = temp.resolve("market");
        Publication first = GitMarketplaceWriter.publish(market, plugin("hello", "0.1.0"), ACME);
        try (Git git = Git.open(market.toFile())) {
            git.checkout().setName(first.commit()).call();
        }
        Map<String, String> before = state(market);

        assertThatThrownBy(() -> GitMarketplaceWriter.publish(market, plugin("hello", "0.2.0"), ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("detached HEAD");
        assertThat(state(market)).isEqualTo(before);
    }

    @Test
    void aPluginWithoutAVersionOrInsideTheMarketplaceIsRefused() throws Exception {
        Path plugin = plugin("hello", "0.1.0");
        Files.writeString(plugin.resolve(".claude-plugin/plugin.json"), "{\"name\": \"hello\"}");
        assertThatThrownBy(() -> GitMarketplaceWriter.publish(temp.resolve("market"), plugin, ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("$.version");

        Path market = temp.resolve("market");
        GitMarketplaceWriter.publish(market, plugin("hello", "0.1.0"), ACME);
        assertThatThrownBy(() -> GitMarketplaceWriter.publish(market, market.resolve("plugins/hello"), ACME))
                .isInstanceOf(MarketplaceException.class).hasMessageContaining("overlap");
    }

    /** A small Claude plugin folder: a manifest, a skill, a README and an executable script. */
    private Path plugin(String name, String version) throws IOException {
        Path dir = temp.resolve(name);
        if (Files.exists(dir)) {
            dev.warden.io.FileTrees.deleteTree(dir);
        }
        rewriteManifest(dir, name, version);
        Files.createDirectories(dir.resolve("skills/greeting"));
        Files.writeString(dir.resolve("skills/greeting/SKILL.md"), "---\nname: greeting\ndescription: Greet\n---\n\nHi.\n");
        Files.writeString(dir.resolve("README.md"), "# " + name + "\r\nWindows line ends stay as they are.\r\n");
        Files.createDirectories(dir.resolve("server"));
        Files.writeString(dir.resolve("server/index.mjs"), "console.log('hi');\n");
        return dir;
    }

    private static void rewriteManifest(Path dir, String name, String version) throws IOException {
        Files.createDirectories(dir.resolve(".claude-plugin"));
        Files.writeString(dir.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\", \"version\": \""
                + version + "\", \"description\": \"Says hello\"}");
    }

    private ClaudeMarketplace readBack(Path market) throws Exception {
        Path clone = temp.resolve("clone-" + System.nanoTime());
        String commit = GitMarketplace.cloneInto(market.toString(), clone);
        return GitMarketplace.read(clone, commit);
    }

    private Path materialise(Path market, ClaudeListing listing) throws Exception {
        Path clone = temp.resolve("clone-" + System.nanoTime());
        String commit = GitMarketplace.cloneInto(market.toString(), clone);
        Path work = Files.createDirectories(temp.resolve("work-" + System.nanoTime()));
        return GitMarketplace.materialise(clone, commit, listing, work, url -> {
            throw new AssertionError("nothing is downloaded");
        });
    }

    /** Every file below {@code dir} but those in {@code .git/}, by relative path, with its content. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = dir.relativize(file).toString();
                if (!relative.startsWith(".git/")) {
                    files.put(relative, new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    /** The working tree's files, the branch's commit and whether git sees changes: what "as it was" means here. */
    private static Map<String, String> state(Path market) throws Exception {
        Map<String, String> state = new TreeMap<>(files(market));
        try (Git git = Git.open(market.toFile())) {
            state.put("(HEAD)", git.getRepository().resolve("HEAD").name());
            state.put("(status)", git.status().call().getUncommittedChanges() + " " + git.status().call().getUntracked());
        }
        try (Stream<Path> siblings = Files.list(market.getParent())) {
            state.put("(siblings)", siblings.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("market"))
                    .sorted().toList().toString());
        }
        return state;
    }
}
