package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The author's commands on bad input: a clear message naming the culprit, the exit code of its kind, no stack
 * trace, and the person's home as it was.
 */
class AuthorCommandsBadInputTest extends HomeFixture {

    @Test
    void devCallOnAFolderThatIsNoProjectIsAUsageErrorNamingIt() throws Exception {
        Path missing = temp.resolve("no-such-project");
        Path empty = Files.createDirectories(temp.resolve("empty"));

        CliRunner.Result forMissing = failsLeavingTheHome(ExitCode.USAGE, "dev", "call", missing.toString(), "greet");
        CliRunner.Result forEmpty = failsLeavingTheHome(ExitCode.USAGE, "dev", "call", empty.toString(), "greet");

        assertThat(forMissing.err()).contains(missing.toString());
        assertThat(forEmpty.err()).contains(empty.toString()).contains("pom.xml").contains(".claude-plugin/plugin.json");
        assertThat(forMissing.all() + forEmpty.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void devCallWithInputThatIsNoJsonObjectIsAUsageErrorBeforeAnythingIsBuilt() throws Exception {
        Path plugin = claudeFolder("greeter");

        CliRunner.Result badJson = failsLeavingTheHome(ExitCode.USAGE, "dev", "call", plugin.toString(), "greet",
                "--input", "{\"name\":", "--publisher", "acme");
        CliRunner.Result notAnObject = failsLeavingTheHome(ExitCode.USAGE, "dev", "call", plugin.toString(), "greet",
                "--input", "[1]", "--publisher", "acme");

        assertThat(badJson.err()).contains("--input");
        assertThat(notAnObject.err()).contains("--input");
        assertThat(badJson.all() + notAnObject.all()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void releaseWithAMissingKeyOrRepositoryNamesTheFileAndPublishesNothing() throws Exception {
        Path plugin = claudeFolder("greeter");
        ok("keys", "generate", "--publisher", "acme", "--out", temp.resolve("keys").toString());

        CliRunner.Result noKey = warden.run("release", plugin.toString(), "--key", temp.resolve("nope.key").toString(),
                "--repo", temp.resolve("site").toString());
        CliRunner.Result noSite = warden.run("release", plugin.toString(), "--key",
                temp.resolve("keys/acme.key").toString(), "--repo", temp.resolve("site").toString());
        CliRunner.Result both = warden.run("release", plugin.toString(), "--key", temp.resolve("keys/acme.key").toString(),
                "--repo", temp.resolve("site").toString(), "--git-marketplace", temp.resolve("market").toString());

        assertThat(noKey.exitCode()).as(noKey.all()).isNotZero();
        assertThat(noKey.err()).contains("nope.key");
        assertThat(noSite.exitCode()).as(noSite.all()).isNotZero();
        assertThat(noSite.err()).contains("site").contains("warden repo init");
        assertThat(both.exitCode()).as(both.all()).isEqualTo(ExitCode.USAGE);
        assertThat(noKey.all() + noSite.all() + both.all()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(plugin.resolve(".claude-plugin/warden-signature.json")).doesNotExist();
        assertThat(temp.resolve("market")).doesNotExist();
    }

    @Test
    void verifyingAnUnsignedFolderOrSigningOneWithoutAManifestSaysWhatIsMissing() throws Exception {
        Path unsigned = claudeFolder("greeter");
        Path bare = Files.createDirectories(temp.resolve("bare"));
        ok("keys", "generate", "--publisher", "acme", "--out", temp.resolve("keys").toString());

        CliRunner.Result verified = warden.run("verify", unsigned.toString());
        CliRunner.Result signed = warden.run("sign", bare.toString(), "--key", temp.resolve("keys/acme.key").toString());

        assertThat(verified.exitCode()).as(verified.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(verified.err()).contains("warden-signature.json");
        assertThat(signed.exitCode()).as(signed.all()).isNotZero();
        assertThat(signed.err()).contains(".claude-plugin/plugin.json");
        assertThat(verified.all() + signed.all()).doesNotContain("Exception").doesNotContain("\tat ");
        try (var files = Files.list(bare)) {
            assertThat(files).as("nothing written into the folder").isEmpty();
        }
    }

    private Path claudeFolder(String name) throws Exception {
        Path plugin = temp.resolve(name);
        Files.createDirectories(plugin.resolve(".claude-plugin"));
        Files.writeString(plugin.resolve(".claude-plugin/plugin.json"),
                "{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"description\": \"Greets\"}\n");
        return plugin;
    }
}
