package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.GitFixtures;
import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Claude Code marketplace in a local git repository: added, searched, refused without --allow-unverified, installed with it. */
class GitMarketplaceCliTest extends HomeFixture {

    Path repo;

    @BeforeEach
    void setUp() throws Exception {
        repo = temp.resolve("team-market");
        claudePlugin(repo.resolve("plugins/weather"), "weather");
        marketplace("{\"name\": \"weather\", \"source\": \"./plugins/weather\", \"version\": \"1.0.0\","
                + " \"description\": \"Forecasts for the team\", \"keywords\": [\"forecast\"]},"
                + " {\"name\": \"from-npm\", \"source\": {\"source\": \"npm\", \"package\": \"some-package\"},"
                + " \"description\": \"Installed by running npm\"}");
        commit("first");
    }

    /** A Claude plugin folder: a skill, a sub-agent, a command and a .mcp.json with a stdio and a remote server. */
    static void claudePlugin(Path dir, String name) throws Exception {
        Files.createDirectories(dir.resolve(".claude-plugin"));
        Files.writeString(dir.resolve(".claude-plugin/plugin.json"), "{\"name\": \"" + name + "\", \"version\": \"1.0.0\","
                + " \"description\": \"Claude plugin " + name + "\"}");
        Files.createDirectories(dir.resolve("skills/briefing"));
        Files.writeString(dir.resolve("skills/briefing/SKILL.md"), "---\nname: briefing\ndescription: Give a weather briefing\n"
                + "allowed-tools: Bash(curl:*)\n---\n\nCall the forecast tool.\n");
        Files.createDirectories(dir.resolve("agents"));
        Files.writeString(dir.resolve("agents/forecaster.md"), "---\nname: forecaster\ndescription: Plans around the weather\n"
                + "tools: Read\n---\n\nYou plan trips.\n");
        Files.writeString(dir.resolve(".mcp.json"), "{\"mcpServers\": {\"local\": {\"command\": \"/bin/echo\", \"args\": [\"hi\"]},"
                + " \"forecasts\": {\"type\": \"http\", \"url\": \"https://mcp.weather.example/mcp\"}}}");
    }

    void marketplace(String plugins) throws Exception {
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"team-market\", \"owner\": {\"name\": \"Team\"},"
                + " \"plugins\": [" + plugins + "]}");
    }

    void commit(String message) throws Exception {
        GitFixtures.commitAll(repo, message);
    }

    @Test
    void aGitMarketplaceIsAddedSearchedAndItsPluginsNeedAllowUnverified() throws Exception {
        CliRunner.Result added = ok("marketplace", "add", "team", repo.toString(), "--yes");
        assertThat(added.out()).contains("Git marketplace").contains("Pinned to commit").contains("UNVERIFIED");

        CliRunner.Result found = ok("search", "forecast");
        assertThat(found.out()).contains("unverified-team/weather").contains("UNVERIFIED").contains("team");
        assertThat(ok("search", "npm").out()).contains("unverified-team/from-npm").contains("cannot be installed");

        Map<String, String> before = StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home));
        CliRunner.Result refused = warden.run("install", "unverified-team/weather", "--yes");
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("--allow-unverified");
        assertThat(StaticMarketplaceTest.withoutAudit(HomeSnapshot.of(home))).isEqualTo(before);

        CliRunner.Result installed = ok("install", "weather", "--yes", "--allow-unverified");
        assertThat(installed.out()).contains("UNVERIFIED").contains("briefing").contains("forecaster")
                .contains("mcp.weather.example").contains("/bin/echo").contains("Installed unverified-team/weather 1.0.0.");
        assertThat(ok("info", "unverified-team/weather", "--json").out()).contains("marketplace:team").contains("\"verified\" : false");
        assertThat(ok("install", "weather", "--yes", "--allow-unverified").out()).contains("unverified-team/weather 1.0.0 is already installed");
    }

    @Test
    void sourcesThatRunCodeAtInstallAreListedButRefusedWithTheReason() throws Exception {
        ok("marketplace", "add", "team", repo.toString(), "--yes");

        CliRunner.Result refused = warden.run("install", "unverified-team/from-npm", "--yes", "--allow-unverified");

        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.err()).containsIgnoringCase("npm");
        assertThat(ok("list").out()).doesNotContain("from-npm");
    }

    @Test
    void updateMovesThePinAndShowsWhatChanged() throws Exception {
        ok("marketplace", "add", "team", repo.toString(), "--yes");
        claudePlugin(repo.resolve("plugins/notes"), "notes");
        marketplace("{\"name\": \"weather\", \"source\": \"./plugins/weather\", \"version\": \"1.1.0\"},"
                + " {\"name\": \"notes\", \"source\": \"./plugins/notes\", \"version\": \"1.0.0\"}");
        commit("second");

        CliRunner.Result updated = ok("marketplace", "update", "team");

        assertThat(updated.out()).contains("pin moved").contains("new: unverified-team/notes 1.0.0")
                .contains("updated: unverified-team/weather 1.0.0 -> 1.1.0").contains("no longer listed: unverified-team/from-npm");
        assertThat(ok("marketplace", "update", "team").out()).contains("up to date");
    }

    @Test
    void policyThatForbidsUnverifiedPluginsRefusesThemEvenWithAllowUnverified() throws Exception {
        Files.createDirectories(temp.resolve("system"));
        Files.writeString(temp.resolve("system/policy.json"), "{\"allowUnverified\": false}");
        ok("marketplace", "add", "team", repo.toString(), "--yes");

        CliRunner.Result refused = warden.run("install", "unverified-team/weather", "--yes", "--allow-unverified");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).containsIgnoringCase("policy");
    }
}
