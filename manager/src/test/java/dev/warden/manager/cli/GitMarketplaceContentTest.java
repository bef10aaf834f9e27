package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unsafe content in a git marketplace, through the command line: a source outside the repository is a
 * refusal (exit 3); a link out of the plugin's folder or a submodule where files are expected is an
 * integrity failure (exit 4). Each names the culprit and changes nothing.
 */
class GitMarketplaceContentTest extends HomeFixture {

    private static final String SUBMODULE_COMMIT = "0123456789abcdef0123456789abcdef01234567";

    Path repo;

    @BeforeEach
    void aMarketplaceWithOneHonestPlugin() throws Exception {
        repo = temp.resolve("team-market");
        GitMarketplaceCliTest.claudePlugin(repo.resolve("plugins/weather"), "weather");
        Files.writeString(temp.resolve("secret.txt"), "not for plugins");
    }

    private void marketplace(String root, String plugins) throws Exception {
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"team-market\","
                + " \"owner\": {\"name\": \"Team\"}," + root + " \"plugins\": [{\"name\": \"weather\", \"source\":"
                + " \"./plugins/weather\", \"version\": \"1.0.0\"}" + plugins + "]}");
    }

    /** A Claude plugin folder {@code plugins/NAME}, listed in the marketplace beside weather. */
    private Path listedPlugin(String name) throws Exception {
        Path plugin = repo.resolve("plugins/" + name);
        GitMarketplaceCliTest.claudePlugin(plugin, name);
        marketplace("", ", {\"name\": \"" + name + "\", \"source\": \"./plugins/" + name + "\"}");
        return plugin;
    }

    /** Commits the folder, with a submodule (a gitlink, whose files are never fetched) at each path given. */
    private void commit(String... submodules) throws Exception {
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            DirCache index = git.getRepository().lockDirCache();
            DirCacheEditor editor = index.editor();
            for (String path : submodules) {
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.GITLINK);
                        entry.setObjectId(ObjectId.fromString(SUBMODULE_COMMIT));
                    }
                });
            }
            editor.commit(); // writes the index and releases its lock
            git.commit().setMessage("fixture").setAuthor("t", "t@example.test").setCommitter("t", "t@example.test")
                    .setSign(false).call();
        }
    }

    private void added() {
        CliRunner.Result added = warden.run("marketplace", "add", "team", repo.toString(), "--yes");
        assertThat(added.exitCode()).as(added.all()).isZero();
    }

    /** Installing {@code name} fails with {@code exitCode}, names each culprit, and leaves the home as it was. */
    private void installFails(String name, int exitCode, String... culprits) throws Exception {
        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));

        CliRunner.Result refused = warden.run("install", name, "--yes", "--allow-unverified");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(exitCode);
        assertThat(refused.err()).contains(culprits).doesNotContain("\tat ").doesNotContain("looks like a bug");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);
        assertThat(warden.run("list").out()).doesNotContain(name);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "up-and-out   | ../outside",
        "deep-out     | ./plugins/../../etc",
        "absolute     | /etc",
        "home-folder  | /root/.ssh",
        "backslashes  | plugins\\\\weather",
        "drive        | C:/Windows",
    })
    void aSourceOutsideTheRepositoryIsARefusal(String name, String source) throws Exception {
        marketplace("", ", {\"name\": \"" + name + "\", \"source\": \"" + source + "\"}");
        commit();
        added();

        installFails(name, ExitCode.REFUSED, name, "leaves the marketplace repository");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "commands   | ../../../secret.txt",
        "agents     | ./agents/../../../..",
        "mcpServers | /etc/passwd",
        "hooks      | ..\\\\hooks.json",
    })
    void aManifestPathOutOfThePluginIsARefusal(String field, String path) throws Exception {
        Path plugin = listedPlugin("escape");
        Files.writeString(plugin.resolve(".claude-plugin/plugin.json"), "{\"name\": \"escape\", \"version\": \"1.0.0\","
                + " \"" + field + "\": \"" + path.replace("\\", "\\\\") + "\"}");
        commit();
        added();

        installFails("escape", ExitCode.REFUSED, "the " + field + " path");
    }

    @Test
    void aMarketplaceEntrysComponentPathOutOfThePluginIsARefusal() throws Exception {
        marketplace("", ", {\"name\": \"entry-out\", \"source\": \"./plugins/weather\", \"strict\": false,"
                + " \"commands\": [\"./commands\", \"../../../secret.txt\"]}");
        commit();
        added();

        installFails("entry-out", ExitCode.REFUSED, "the commands path", "leaves the plugin folder");
    }

    @Test
    void aGitSubdirPathOutsideItsRepositoryIsARefusal() throws Exception {
        marketplace("", ", {\"name\": \"subdir-out\", \"source\": {\"source\": \"git-subdir\", \"url\": \""
                + repo.toUri() + "\", \"path\": \"../..\"}}");
        commit();
        added();

        installFails("subdir-out", ExitCode.REFUSED, "subdir-out", "\"../..\"", "leaves the repository");
    }

    @Test
    void aSourceThatRunsCodeWhileInstallingIsARefusal() throws Exception {
        marketplace("", ", {\"name\": \"from-npm\", \"source\": {\"source\": \"npm\", \"package\": \"left-pad\"}}");
        commit();
        added();

        installFails("from-npm", ExitCode.REFUSED, "from-npm", "npm");
    }

    @Test
    void aPluginRootOutsideTheRepositoryRefusesTheWholeMarketplace() throws Exception {
        marketplace(" \"metadata\": {\"pluginRoot\": \"../..\"},", "");
        commit();

        addingFailsAndChangesNothing(ExitCode.REFUSED, "$.metadata.pluginRoot", "inside the repository");
        assertThat(warden.run("marketplace", "list").out()).doesNotContain("team");
    }

    @Test
    void aMarketplaceFileThatIsALinkIsAnIntegrityFailure() throws Exception {
        marketplace("", "");
        Files.move(repo.resolve(".claude-plugin/marketplace.json"), repo.resolve("listing.json"));
        Files.createSymbolicLink(repo.resolve(".claude-plugin/marketplace.json"), Path.of("../listing.json"));
        commit();

        addingFailsAndChangesNothing(ExitCode.INTEGRITY, ".claude-plugin/marketplace.json", "not a regular file");
    }

    /** Adds the marketplace, expects {@code exitCode} with {@code culprits} named, and the home folder as it was but for the audit log. */
    private void addingFailsAndChangesNothing(int exitCode, String... culprits) throws Exception {
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result refused = warden.run("marketplace", "add", "team", repo.toString(), "--yes");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(exitCode);
        assertThat(refused.err()).contains(culprits).doesNotContain("\tat ");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(StaticMarketplaceTest.withoutAudit(before));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "relative-out | ../../../secret.txt",
        "absolute     | /etc/passwd",
        "sibling      | ../weather/.mcp.json",
        "own-folder   | .",
        "a-folder     | skills",
    })
    void aLinkThatIsNotAFileInsideThePluginIsAnIntegrityFailure(String kind, String target) throws Exception {
        Files.createSymbolicLink(listedPlugin("linked").resolve("evil"), Path.of(target));
        commit();
        added();

        installFails("linked", ExitCode.INTEGRITY, "plugins/linked/evil", "symbolic link");
    }

    @Test
    void aPluginFolderReachedThroughALinkIsAnIntegrityFailure() throws Exception {
        Files.createDirectories(repo.resolve("plugins"));
        Files.createSymbolicLink(repo.resolve("plugins/via-link"), Path.of("weather"));
        marketplace("", ", {\"name\": \"via-link\", \"source\": \"./plugins/via-link\"}");
        commit();
        added();

        installFails("via-link", ExitCode.INTEGRITY, "plugins/via-link", "symbolic link");
    }

    @Test
    void aSubmoduleInsideThePluginIsAnIntegrityFailure() throws Exception {
        listedPlugin("vendored");
        commit("plugins/vendored/lib");
        added();

        installFails("vendored", ExitCode.INTEGRITY, "plugins/vendored/lib", "submodule");
    }

    @Test
    void aSubmoduleWhereThePluginFolderShouldBeIsAnIntegrityFailure() throws Exception {
        marketplace("", ", {\"name\": \"elsewhere\", \"source\": \"./vendor/elsewhere\"}");
        commit("vendor/elsewhere");
        added();

        installFails("elsewhere", ExitCode.INTEGRITY, "vendor/elsewhere", "not a folder");
    }

    @Test
    void theHonestPluginBesideThemStillInstalls() throws Exception {
        GitMarketplaceCliTest.claudePlugin(repo.resolve("plugins/vendored"), "vendored");
        marketplace("", ", {\"name\": \"vendored\", \"source\": \"./plugins/vendored\"},"
                + " {\"name\": \"up-and-out\", \"source\": \"../outside\"}");
        commit("plugins/vendored/lib");
        added();

        CliRunner.Result installed = warden.run("install", "weather", "--yes", "--allow-unverified");

        assertThat(installed.exitCode()).as(installed.all()).isZero();
    }
}
