package dev.warden.registry.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.testing.InMemoryFetcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMarketplaceTest {

    @TempDir
    Path tmp;

    private static final String SKILL = "---\nname: review\ndescription: Reviews code\n---\nLook carefully.\n";

    private static Function<String, Fetcher> noFetcher() {
        return location -> {
            throw new AssertionError("no download expected, asked for " + location);
        };
    }

    /** Acme's marketplace.json: a relative plugin, its short form, and whatever extra entries the test gives. */
    static String acmeMarketplace(String extraEntries) {
        return """
                {
                  "name": "acme-market",
                  "owner": {"name": "Acme"},
                  "metadata": {"pluginRoot": "./plugins"},
                  "plugins": [
                    {"name": "reviewer", "source": "./plugins/reviewer", "version": "1.2", "description": "Reviews",
                     "keywords": ["review"], "author": {"name": "Ann"}, "category": "dev"},
                    {"name": "short-form", "source": "reviewer", "strict": false}%s
                  ]
                }
                """.formatted(extraEntries);
    }

    /** A marketplace repository with one relative plugin and whatever extra entries the test gives. */
    private TestRepository marketplace(String extraEntries) throws Exception {
        TestRepository repo = TestRepository.init(tmp.resolve("market"));
        repo.file(".claude-plugin/marketplace.json", acmeMarketplace(extraEntries))
                .file("plugins/reviewer/.claude-plugin/plugin.json", "{\"name\": \"reviewer\", \"version\": \"1.2.0\"}")
                .file("plugins/reviewer/skills/review/SKILL.md", SKILL)
                .file("plugins/reviewer/commands/check.md", "---\ndescription: Check\n---\nCheck it.\n")
                .file("secret.txt", "outside the plugin");
        return repo;
    }

    private String cloneOf(TestRepository repo) throws MarketplaceException {
        return GitMarketplace.cloneInto(repo.url(), tmp.resolve("clone"));
    }

    /** A plugin's listing read from a clone at the pinned commit. */
    private record Pinned(String pin, ClaudeListing listing) {
    }

    /** Commits, clones at that commit, reads {@code plugin}'s listing there, and makes the empty work folder. */
    private Pinned pinned(TestRepository repo, String plugin) throws Exception {
        String pin = cloneOf(repo.commitAnd());
        Files.createDirectories(tmp.resolve("work"));
        return new Pinned(pin, GitMarketplace.read(tmp.resolve("clone"), pin).plugin(plugin).orElseThrow());
    }

    private Path materialise(Pinned pinned, Function<String, Fetcher> fetchers) throws MarketplaceException {
        return GitMarketplace.materialise(tmp.resolve("clone"), pinned.pin(), pinned.listing(), tmp.resolve("work"),
                fetchers);
    }

    @Test
    void clonesAndReadsTheMarketplaceAtThePinnedCommit() throws Exception {
        try (TestRepository repo = marketplace("")) {
            String first = repo.commit("first");
            String pin = cloneOf(repo);
            assertThat(pin).isEqualTo(first);

            ClaudeMarketplace market = GitMarketplace.read(tmp.resolve("clone"), pin);
            assertThat(market.name()).isEqualTo("acme-market");
            assertThat(market.owner()).contains("Acme");
            ClaudeListing reviewer = market.plugin("reviewer").orElseThrow();
            assertThat(reviewer.version()).contains("1.2");
            assertThat(reviewer.keywords()).containsExactly("review");
            assertThat(reviewer.author()).contains("Ann");
            assertThat(reviewer.strict()).isTrue();
            assertThat(reviewer.source()).isEqualTo(new PluginSource.Relative("plugins/reviewer"));
            assertThat(reviewer.rawEntryJson()).contains("\"category\":\"dev\"");
            ClaudeListing shortForm = market.plugin("short-form").orElseThrow();
            assertThat(shortForm.source()).as("pluginRoot applies to paths without ./")
                    .isEqualTo(new PluginSource.Relative("plugins/reviewer"));
            assertThat(shortForm.strict()).isFalse();
        }
    }

    @Test
    void acceptsALocalPathAsWellAsAFileUrl() throws Exception {
        try (TestRepository repo = marketplace("")) {
            String first = repo.commit("first");
            assertThat(GitMarketplace.cloneInto(repo.dir.toString(), tmp.resolve("by-path"))).isEqualTo(first);
        }
    }

    @Test
    void fetchLatestSeesALaterCommitWithoutMovingThePin() throws Exception {
        try (TestRepository repo = marketplace("")) {
            String first = repo.commit("first");
            String pin = cloneOf(repo);
            assertThat(GitMarketplace.fetchLatest(tmp.resolve("clone"))).as("nothing new yet").isEqualTo(first);

            repo.file(".claude-plugin/marketplace.json", "{\"name\": \"acme-market\", \"plugins\": []}");
            String second = repo.commit("second");
            String latest = GitMarketplace.fetchLatest(tmp.resolve("clone"));

            assertThat(latest).isEqualTo(second).isNotEqualTo(pin);
            assertThat(GitMarketplace.read(tmp.resolve("clone"), pin).plugins()).as("the pin still reads the old file")
                    .hasSize(2);
            assertThat(GitMarketplace.read(tmp.resolve("clone"), latest).plugins()).isEmpty();
        }
    }

    @Test
    void readsTheFileFromTheCommitNotFromAnyWorkingTree() throws Exception {
        try (TestRepository repo = marketplace("")) {
            String pin = cloneOf(repo.commitAnd());
            Files.createDirectories(tmp.resolve("clone/.claude-plugin"));
            Files.writeString(tmp.resolve("clone/.claude-plugin/marketplace.json"), "not json");
            assertThat(GitMarketplace.read(tmp.resolve("clone"), pin).name()).isEqualTo("acme-market");
        }
    }

    @Test
    void removesTheCloneFolderWhenTheCloneFails() {
        Path dir = tmp.resolve("clone");
        assertThatThrownBy(() -> GitMarketplace.cloneInto(tmp.resolve("nothing-here").toString(), dir))
                .isInstanceOf(MarketplaceException.class)
                .hasMessageContaining("cannot clone");
        assertThat(dir).doesNotExist();
    }

    @Test
    void refusesTransportsThatRunPrograms() {
        for (String location : new String[] {"ext::sh -c touch% /tmp/pwned", "fd::17", "amazon-s3://bucket/repo",
                "--upload-pack=touch /tmp/x", "sftp://host/repo"}) {
            assertThatThrownBy(() -> GitMarketplace.cloneInto(location, tmp.resolve("c")))
                    .as(location).isInstanceOf(MarketplaceException.class);
            assertThat(tmp.resolve("c")).doesNotExist();
        }
    }

    @Test
    void materialisesARelativeSourceFromThePinnedTree() throws Exception {
        try (TestRepository repo = marketplace("")) {
            Pinned pinned = pinned(repo, "reviewer");

            Path dir = materialise(pinned, noFetcher());

            assertThat(dir).isEqualTo(tmp.resolve("work/reviewer"));
            assertThat(dir.resolve("skills/review/SKILL.md")).hasContent(SKILL.strip());
            assertThat(dir.resolve(".claude-plugin/plugin.json")).exists();
            assertThat(dir.resolve("secret.txt")).doesNotExist();
        }
    }

    @Test
    void refusesARelativePathThatLeavesTheRepository() throws Exception {
        try (TestRepository repo = marketplace(",\n{\"name\": \"escape\", \"source\": \"./plugins/../../etc\"}")) {
            String pin = cloneOf(repo.commitAnd());
            ClaudeListing listing = GitMarketplace.read(tmp.resolve("clone"), pin).plugin("escape").orElseThrow();
            assertThat(listing.source().installable()).isFalse();
            assertThat(listing.source().refusal().orElseThrow()).contains("$.plugins[2].source", "leaves");
            Files.createDirectories(tmp.resolve("work"));

            assertThatThrownBy(() -> GitMarketplace.materialise(tmp.resolve("clone"), pin, listing, tmp.resolve("work"),
                    noFetcher())).isInstanceOf(MarketplaceException.class).hasMessageContaining("escape");
            assertThat(tmp.resolve("work")).isEmptyDirectory();
        }
    }

    @Test
    void doesNotFollowALinkThatPointsOutOfThePlugin() throws Exception {
        try (TestRepository repo = marketplace("")) {
            repo.link("plugins/reviewer/stolen.txt", "../../secret.txt");
            Pinned pinned = pinned(repo, "reviewer");

            assertThatThrownBy(() -> materialise(pinned, noFetcher())).isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining("plugins/reviewer/stolen.txt").hasMessageContaining("symbolic link");
            assertThat(tmp.resolve("work")).isEmptyDirectory();
        }
    }

    @Test
    void refusesAPluginFolderReachedThroughALink() throws Exception {
        try (TestRepository repo = marketplace(",\n{\"name\": \"via-link\", \"source\": \"./linked\"}")) {
            repo.link("linked", tmp.resolve("outside").toString());
            Pinned pinned = pinned(repo, "via-link");

            assertThatThrownBy(() -> materialise(pinned, noFetcher())).hasMessageContaining("symbolic link");
        }
    }

    @Test
    void copiesALinkToAFileInsideThePluginAsAPlainFile() throws Exception {
        try (TestRepository repo = marketplace("")) {
            repo.link("plugins/reviewer/commands/alias.md", "check.md");
            Pinned pinned = pinned(repo, "reviewer");

            Path dir = materialise(pinned, noFetcher());

            Path alias = dir.resolve("commands/alias.md");
            assertThat(Files.isSymbolicLink(alias)).isFalse();
            assertThat(alias).hasSameTextualContentAs(dir.resolve("commands/check.md"));
        }
    }

    @Test
    void materialisesUrlAndGitSubdirSourcesFromAnotherRepository() throws Exception {
        try (TestRepository other = TestRepository.init(tmp.resolve("other"))) {
            other.file("README.md", "root").file("tools/formatter/skills/fmt/SKILL.md", SKILL);
            String old = other.commit("one");
            other.tag("v1");
            other.file("tools/formatter/NEW.md", "later");
            String head = other.commit("two");
            String entries = ",\n{\"name\": \"whole\", \"source\": {\"source\": \"url\", \"url\": \"" + other.url() + "\"}}"
                    + ",\n{\"name\": \"pinned\", \"source\": {\"source\": \"url\", \"url\": \"" + other.url()
                    + "\", \"sha\": \"" + old + "\"}}"
                    + ",\n{\"name\": \"tagged\", \"source\": {\"source\": \"git-subdir\", \"url\": \"" + other.url()
                    + "\", \"path\": \"tools/formatter\", \"ref\": \"v1\"}}"
                    + ",\n{\"name\": \"sub\", \"source\": {\"source\": \"git-subdir\", \"url\": \"" + other.url()
                    + "\", \"path\": \"./tools/formatter/\", \"sha\": \"" + head + "\"}}";
            try (TestRepository repo = marketplace(entries)) {
                String pin = cloneOf(repo.commitAnd());
                ClaudeMarketplace market = GitMarketplace.read(tmp.resolve("clone"), pin);
                Path work = Files.createDirectories(tmp.resolve("work"));

                Path whole = GitMarketplace.materialise(tmp.resolve("clone"), pin, market.plugin("whole").orElseThrow(),
                        work, noFetcher());
                assertThat(whole.resolve("README.md")).hasContent("root");
                assertThat(whole.resolve("tools/formatter/NEW.md")).exists();

                Path pinned = GitMarketplace.materialise(tmp.resolve("clone"), pin, market.plugin("pinned").orElseThrow(),
                        work, noFetcher());
                assertThat(pinned.resolve("tools/formatter/NEW.md")).as("the pinned sha predates NEW.md").doesNotExist();

                Path tagged = GitMarketplace.materialise(tmp.resolve("clone"), pin, market.plugin("tagged").orElseThrow(),
                        work, noFetcher());
                assertThat(tagged.resolve("skills/fmt/SKILL.md")).exists();
                assertThat(tagged.resolve("NEW.md")).doesNotExist();
                assertThat(tagged.resolve("README.md")).doesNotExist();

                Path sub = GitMarketplace.materialise(tmp.resolve("clone"), pin, market.plugin("sub").orElseThrow(),
                        work, noFetcher());
                assertThat(sub.resolve("NEW.md")).hasContent("later");
                assertThat(work).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".fetch"));
            }
        }
    }

    @Test
    void refusesAPinnedShaThatIsNotInTheRepository() throws Exception {
        try (TestRepository other = TestRepository.init(tmp.resolve("other"))) {
            other.file("a.txt", "a");
            other.commit("one");
            String entry = ",\n{\"name\": \"ghost\", \"source\": {\"source\": \"url\", \"url\": \"" + other.url()
                    + "\", \"sha\": \"" + "ab".repeat(20) + "\"}}";
            try (TestRepository repo = marketplace(entry)) {
                String pin = cloneOf(repo.commitAnd());
                ClaudeListing ghost = GitMarketplace.read(tmp.resolve("clone"), pin).plugin("ghost").orElseThrow();
                Path work = Files.createDirectories(tmp.resolve("work"));
                assertThatThrownBy(() -> GitMarketplace.materialise(tmp.resolve("clone"), pin, ghost, work, noFetcher()))
                        .isInstanceOf(MarketplaceException.class).hasMessageContaining("abababababab")
                        .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.INTEGRITY);
                assertThat(work).isEmptyDirectory();
            }
        }
    }

    private TestRepository archiveMarket(String url, String sha) throws Exception {
        String entry = ",\n{\"name\": \"packed\", \"source\": {\"source\": \"archive\", \"url\": \"" + url + "\""
                + (sha == null ? "" : ", \"sha256\": \"" + sha + "\"") + "}}";
        return marketplace(entry);
    }

    @Test
    void materialisesAZipArchiveCheckedAgainstItsSha256() throws Exception {
        byte[] zip = TestArchives.zip(new LinkedHashMap<>(Map.of("packed-1.0/skills/p/SKILL.md", SKILL,
                "packed-1.0/.mcp.json", "{}")));
        InMemoryFetcher fetcher = new InMemoryFetcher();
        fetcher.put("packed.zip", zip);
        try (TestRepository repo = archiveMarket("https://downloads.example/rel/packed.zip", TestArchives.sha256(zip))) {
            Pinned pinned = pinned(repo, "packed");
            Path work = tmp.resolve("work");

            Path dir = materialise(pinned, location -> {
                assertThat(location).isEqualTo("https://downloads.example/rel/");
                return fetcher;
            });

            assertThat(dir).isEqualTo(work.resolve("packed/packed-1.0"));
            assertThat(dir.resolve("skills/p/SKILL.md")).hasContent(SKILL.strip());
            assertThat(work).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".fetch"));
        }
    }

    @Test
    void materialisesATarGzArchive() throws Exception {
        byte[] tgz = TestArchives.tarGz(new LinkedHashMap<>(Map.of("skills/p/SKILL.md", SKILL)));
        InMemoryFetcher fetcher = new InMemoryFetcher();
        fetcher.put("p.tar.gz", tgz);
        try (TestRepository repo = archiveMarket("https://downloads.example/p.tar.gz", TestArchives.sha256(tgz))) {
            Pinned pinned = pinned(repo, "packed");

            Path dir = materialise(pinned, location -> fetcher);

            assertThat(dir.resolve("skills/p/SKILL.md")).hasContent(SKILL.strip());
        }
    }

    @Test
    void refusesAnArchiveWithTheWrongSha256BeforeExtractingAnything() throws Exception {
        byte[] zip = TestArchives.zip(Map.of("a.txt", "a"));
        InMemoryFetcher fetcher = new InMemoryFetcher();
        fetcher.put("p.zip", zip);
        try (TestRepository repo = archiveMarket("https://downloads.example/p.zip", "0".repeat(64))) {
            Pinned pinned = pinned(repo, "packed");
            Path work = tmp.resolve("work");

            assertThatThrownBy(() -> materialise(pinned, l -> fetcher))
                    .isInstanceOf(MarketplaceException.class)
                    .hasMessageContaining(TestArchives.sha256(zip)).hasMessageContaining("nothing was extracted")
                    .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.INTEGRITY);
            assertThat(fetcher.count("p.zip")).isEqualTo(1);
            assertThat(work).isEmptyDirectory();
        }
    }

    @Test
    void listsAnArchiveWithoutSha256AsRefused() throws Exception {
        try (TestRepository repo = archiveMarket("https://downloads.example/p.zip", null)) {
            String pin = cloneOf(repo.commitAnd());
            ClaudeListing listing = GitMarketplace.read(tmp.resolve("clone"), pin).plugin("packed").orElseThrow();
            assertThat(listing.source().installable()).isFalse();
            assertThat(listing.source().refusal().orElseThrow()).contains("sha256");
        }
    }

    @Test
    void refusesArchivesWithEscapingPathsOrLinks() throws Exception {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("dots.zip", TestArchives.zip(Map.of("../evil.txt", "x")));
        bad.put("absolute.zip", TestArchives.zip(Map.of("/etc/evil", "x")));
        bad.put("link.zip", TestArchives.zipWithLink("skills/x", "/etc/passwd"));
        bad.put("link.tar.gz", TestArchives.tarGz(new LinkedHashMap<>(Map.of("2:skills/x", "/etc/passwd"))));
        bad.put("dots.tar.gz", TestArchives.tarGz(Map.of("a/../../evil.txt", "x")));
        for (Map.Entry<String, byte[]> archive : bad.entrySet()) {
            Path base = Files.createDirectories(tmp.resolve("case-" + archive.getKey()));
            Path work = Files.createDirectories(base.resolve("work"));
            InMemoryFetcher fetcher = new InMemoryFetcher();
            fetcher.put(archive.getKey(), archive.getValue());
            PluginSource source = new PluginSource.Archive("https://downloads.example/" + archive.getKey(),
                    TestArchives.sha256(archive.getValue()));
            ClaudeListing listing = new ClaudeListing("packed", java.util.Optional.empty(), "", java.util.List.of(),
                    java.util.Optional.empty(), source, true, "{}");

            assertThatThrownBy(() -> GitMarketplace.materialise(base, "0".repeat(40), listing, work, l -> fetcher))
                    .as(archive.getKey()).isInstanceOf(MarketplaceException.class).hasMessageContaining("refused")
                    .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.INTEGRITY);
            assertThat(work).as(archive.getKey()).isEmptyDirectory();
        }
    }

    @Test
    void listsNpmPipAndCommandSourcesButRefusesThemWithTheReason() throws Exception {
        String entries = ",\n{\"name\": \"from-npm\", \"source\": {\"source\": \"npm\", \"package\": \"@acme/x\"}}"
                + ",\n{\"name\": \"from-pip\", \"source\": {\"source\": \"pip\", \"package\": \"x\"}}"
                + ",\n{\"name\": \"from-command\", \"source\": {\"source\": \"command\", \"command\": \"make\"}}"
                + ",\n{\"name\": \"from-mystery\", \"source\": {\"source\": \"teleport\"}}";
        try (TestRepository repo = marketplace(entries)) {
            String pin = cloneOf(repo.commitAnd());
            ClaudeMarketplace market = GitMarketplace.read(tmp.resolve("clone"), pin);
            Path work = Files.createDirectories(tmp.resolve("work"));

            for (String name : new String[] {"from-npm", "from-pip", "from-command", "from-mystery"}) {
                ClaudeListing listing = market.plugin(name).orElseThrow();
                assertThat(listing.source().installable()).as(name).isFalse();
                assertThatThrownBy(() -> GitMarketplace.materialise(tmp.resolve("clone"), pin, listing, work, noFetcher()))
                        .as(name).isInstanceOf(MarketplaceException.class)
                        .hasMessageContaining(listing.source().refusal().orElseThrow())
                        .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.REFUSED);
            }
            assertThat(market.plugin("from-npm").orElseThrow().source().refusal().orElseThrow())
                    .contains("install scripts");
            assertThat(market.plugin("from-mystery").orElseThrow().source().refusal().orElseThrow()).contains("teleport");
        }
    }

    @Test
    void keepsGoodEntriesAndMarksABadSourceWithItsJsonPath() throws Exception {
        String entries = ",\n{\"name\": \"bad-github\", \"source\": {\"source\": \"github\", \"repo\": \"not a repo\"}}"
                + ",\n{\"name\": \"bad-sha\", \"source\": {\"source\": \"url\", \"url\": \"https://x.example/r.git\","
                + " \"sha\": \"abc\"}}";
        try (TestRepository repo = marketplace(entries)) {
            String pin = cloneOf(repo.commitAnd());
            ClaudeMarketplace market = GitMarketplace.read(tmp.resolve("clone"), pin);
            assertThat(market.plugin("reviewer").orElseThrow().source().installable()).isTrue();
            assertThat(market.plugin("bad-github").orElseThrow().source().refusal().orElseThrow())
                    .contains("$.plugins[2].source");
            assertThat(market.plugin("bad-sha").orElseThrow().source().refusal().orElseThrow())
                    .contains("$.plugins[3].source", "40");
        }
    }

    @Test
    void namesTheFileAndPathOfAMalformedMarketplace() throws Exception {
        String[][] cases = {
                {"{\"name\": \"a\", \"name\": \"b\", \"plugins\": []}", "Duplicate"},
                {"{\"name\": \"m\", \"plugins\": [{\"name\": \"Bad Name\", \"source\": \"./x\"}]}", "$.plugins[0].name"},
                {"{\"name\": \"m\", \"plugins\": {}}", "$.plugins"},
                {"{\"name\": \"m\", \"plugins\": [", "not valid JSON"},
                {"{\"name\": \"m\", \"plugins\": [{\"name\": \"x\", \"source\": \"./x\"}, {\"name\": \"x\", \"source\": \"./y\"}]}",
                        "listed twice"},
        };
        for (int i = 0; i < cases.length; i++) {
            try (TestRepository repo = TestRepository.init(tmp.resolve("bad" + i))) {
                repo.file(".claude-plugin/marketplace.json", cases[i][0]);
                String commit = repo.commit("bad");
                Path clone = tmp.resolve("clone" + i);
                GitMarketplace.cloneInto(repo.url(), clone);
                assertThatThrownBy(() -> GitMarketplace.read(clone, commit)).as(cases[i][0])
                        .isInstanceOf(MarketplaceException.class)
                        .hasMessageContaining(".claude-plugin/marketplace.json")
                        .hasMessageContaining(cases[i][1])
                        .extracting(e -> ((MarketplaceException) e).kind()).isEqualTo(MarketplaceException.Kind.ERROR);
            }
        }
    }

    @Test
    void saysWhenTheRepositoryIsNotAMarketplace() throws Exception {
        try (TestRepository repo = TestRepository.init(tmp.resolve("plain"))) {
            repo.file("README.md", "hello");
            String commit = repo.commit("one");
            GitMarketplace.cloneInto(repo.url(), tmp.resolve("clone"));
            assertThatThrownBy(() -> GitMarketplace.read(tmp.resolve("clone"), commit))
                    .hasMessageContaining("does not exist").hasMessageContaining("marketplace.json");
            assertThatThrownBy(() -> GitMarketplace.read(tmp.resolve("clone"), "1234"))
                    .hasMessageContaining("not a full commit id");
        }
    }
}
