package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code warden release} on a project {@code warden dev new} scaffolded, into a static signed repository: a development
 * key and another publisher's key are refused with the repository unchanged; the publisher's real key publishes, and
 * another home that adds the repository and trusts the publisher installs the plugin verified. Maven runs offline
 * against this machine's local repository, where the plugin API must be installed.
 */
class ReleaseTest extends HomeFixture {

    @Test
    void refusesADevelopmentKeyAndAnotherPublishersThenPublishesWithTheRealKeyForAnotherHomeToInstall() throws Exception {
        assumeTrue(DevNewTest.onPath("mvn"), "Maven is not on PATH");
        Path project = temp.resolve("hello");
        ok("dev", "new", "acme/hello", "--dir", project.toString());
        Path keys = temp.resolve("keys");
        ok("keys", "generate", "--publisher", "acme", "--out", keys.toString());
        ok("keys", "generate", "--publisher", "other", "--out", keys.toString());
        Path site = temp.resolve("site");
        ok("repo", "init", site.toString(), "--key", keys.resolve("acme.key").toString());
        Path devKey = temp.resolve("dev-keys/acme.key");
        KeyFiles.write(SigningKey.generate("acme", new SecureRandom()).asDevelopmentKey(), devKey);
        Map<String, String> empty = HomeSnapshot.of(site);

        CliRunner.Result withDevKey = warden.run("release", project.toString(), "--key", devKey.toString(), "--repo",
                site.toString(), "--offline");
        CliRunner.Result withOthersKey = warden.run("release", project.toString(), "--key", keys.resolve("other.key").toString(),
                "--repo", site.toString(), "--offline");

        assertThat(withDevKey.exitCode()).as(withDevKey.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(withDevKey.err()).contains("development key");
        assertThat(withOthersKey.exitCode()).as(withOthersKey.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(withOthersKey.err()).contains("'other'").contains("'acme'");
        assertThat(HomeSnapshot.of(site)).as("nothing was published").isEqualTo(empty);

        CliRunner.Result released = warden.run("release", project.toString(), "--key", keys.resolve("acme.key").toString(),
                "--repo", site.toString(), "--offline");
        assertThat(released.exitCode()).as(released.all()).isZero();
        assertThat(released.out()).contains("Released acme/hello 0.1.0 to " + site);

        CliRunner other = new CliRunner(temp.resolve("other-home"), temp.resolve("system"));
        for (String[] command : new String[][] {
            {"marketplace", "add", "acme-market", site.toString(), "--yes"},
            {"trust", "add", keys.resolve("acme.pub.json").toString(), "--yes"},
            {"install", "acme/hello", "--yes"}}) {
            CliRunner.Result result = other.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.all()).isZero();
        }
        CliRunner.Result info = other.run("list");
        assertThat(info.out()).contains("acme/hello").contains("0.1.0");
    }

    @Test
    void aClaudePluginFolderIsReleasedAsThePublisherOfTheKey() throws Exception {
        Path plugin = greeter();
        Path keys = temp.resolve("keys");
        ok("keys", "generate", "--publisher", "acme", "--out", keys.toString());
        Path site = temp.resolve("site");
        ok("repo", "init", site.toString(), "--key", keys.resolve("acme.key").toString());
        Map<String, String> source = HomeSnapshot.of(plugin);

        CliRunner.Result released = warden.run("release", plugin.toString(), "--key", keys.resolve("acme.key").toString(),
                "--repo", site.toString());

        assertThat(released.exitCode()).as(released.all()).isZero();
        assertThat(released.out()).contains("Released acme/greeter 2.0.0");
        assertThat(HomeSnapshot.of(plugin)).as("the author's folder is left as it was").isEqualTo(source);
        CliRunner other = new CliRunner(temp.resolve("other-home"), temp.resolve("system"));
        assertThat(other.run("marketplace", "add", "acme-market", site.toString(), "--yes").exitCode()).isZero();
        assertThat(other.run("trust", "add", keys.resolve("acme.pub.json").toString(), "--yes").exitCode()).isZero();
        CliRunner.Result installed = other.run("install", "acme/greeter", "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
    }

    @Test
    void aClaudePluginFolderIsSignedInPlaceAndCommittedToAGitMarketplaceThatAnotherHomeInstallsVerified() throws Exception {
        Path plugin = greeter();
        Path keys = temp.resolve("keys");
        ok("keys", "generate", "--publisher", "acme", "--out", keys.toString());
        Path market = temp.resolve("acme-plugins");

        CliRunner.Result released = warden.run("release", plugin.toString(), "--key", keys.resolve("acme.key").toString(),
                "--git-marketplace", market.toString());

        assertThat(released.exitCode()).as(released.all()).isZero();
        assertThat(released.out()).contains("Released acme/greeter 2.0.0 to the git marketplace 'acme-plugins'")
                .contains("claude plugin install greeter@acme-plugins");
        assertThat(plugin.resolve(".claude-plugin/warden-signature.json")).as("signed in place").isRegularFile();
        assertThat(Files.readString(market.resolve("plugins/greeter/.claude-plugin/warden-signature.json")))
                .isEqualTo(Files.readString(plugin.resolve(".claude-plugin/warden-signature.json")));
        CliRunner other = new CliRunner(temp.resolve("other-home"), temp.resolve("system"));
        assertThat(other.run("trust", "add", keys.resolve("acme.pub.json").toString(), "--yes").exitCode()).isZero();
        CliRunner.Result added = other.run("marketplace", "add", "team", market.toString(), "--yes");
        assertThat(added.exitCode()).as(added.all()).isZero();
        CliRunner.Result installed = other.run("install", "acme/greeter", "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
        assertThat(other.run("info", "acme/greeter").out()).contains("verified");
    }

    @Test
    void aGitMarketplaceReleaseWithADevelopmentKeyOrOfAMavenProjectIsRefusedWithFolderAndMarketplaceUnchanged()
            throws Exception {
        Path plugin = greeter();
        Path devKey = temp.resolve("dev-keys/acme.key");
        KeyFiles.write(SigningKey.generate("acme", new SecureRandom()).asDevelopmentKey(), devKey);
        Path market = temp.resolve("acme-plugins");
        Files.createDirectories(market);
        Map<String, String> source = HomeSnapshot.of(plugin);

        CliRunner.Result withDevKey = warden.run("release", plugin.toString(), "--key", devKey.toString(),
                "--git-marketplace", market.toString());

        assertThat(withDevKey.exitCode()).as(withDevKey.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(withDevKey.err()).contains("development key");
        assertThat(HomeSnapshot.of(plugin)).isEqualTo(source);
        assertThat(HomeSnapshot.of(market)).isEmpty();

        Path project = temp.resolve("hello");
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
        Path keys = temp.resolve("keys");
        ok("keys", "generate", "--publisher", "acme", "--out", keys.toString());
        CliRunner.Result maven = warden.run("release", project.toString(), "--key", keys.resolve("acme.key").toString(),
                "--git-marketplace", market.toString());
        assertThat(maven.exitCode()).as(maven.all()).isEqualTo(ExitCode.USAGE);
        assertThat(maven.err()).contains("git marketplace holds Claude plugin folders").contains("--repo");
        assertThat(HomeSnapshot.of(market)).isEmpty();
    }

    private Path greeter() throws Exception {
        Path plugin = temp.resolve("greeter");
        Files.createDirectories(plugin.resolve(".claude-plugin"));
        Files.createDirectories(plugin.resolve("skills/greet"));
        Files.writeString(plugin.resolve(".claude-plugin/plugin.json"),
                "{\"name\": \"greeter\", \"version\": \"2.0.0\", \"description\": \"Greets\"}\n");
        Files.writeString(plugin.resolve("skills/greet/SKILL.md"), "---\nname: greet\ndescription: Greets warmly\n---\nSay hello.\n");
        return plugin;
    }
}
