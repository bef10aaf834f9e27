package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.runtime.SecretStore;
import dev.warden.manager.testing.HomeSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code warden secret}: values in, never out; names, times and grants shown; every change audited. */
class SecretCliTest extends HomeFixture {

    private static final String VALUE = "ghp_S3cr3tV4lue";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    private CliRunner.Result ok(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.all()).doesNotContain(VALUE);
        return result;
    }

    private void installGitHubPlugin() throws Exception {
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        ok(warden.run("install", acme.sign(plugin("acme", "gh")
                .permission("net.egress", "https://api.github.com", "the GitHub API")
                .permission("secret.use", "secret:gh-token@api.github.com", "signs in to GitHub"), "gh-1.0.0").toString(),
                "--yes"));
    }

    @Test
    void setReadsAPipedValueStoresItOwnerOnlyAndNeverPrintsIt() throws Exception {
        CliRunner.Result set = ok(warden.piping(VALUE + "\n").run("secret", "set", "gh-token"));

        assertThat(set.out()).contains("Stored the value of secret 'gh-token'.", "No installed plugin is granted it yet");
        assertThat(new SecretStore(home).value("gh-token")).contains(VALUE);
        Path file = home.resolve("secrets/secrets.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void atATerminalTheValueIsReadWithoutEcho() throws Exception {
        List<String> prompts = new ArrayList<>();

        ok(warden.typingHidden(VALUE, prompts).run("secret", "set", "gh-token"));

        assertThat(prompts).containsExactly("Value of secret 'gh-token' (not shown): ");
        assertThat(new SecretStore(home).value("gh-token")).contains(VALUE);
    }

    @Test
    void settingAgainReplacesTheValue() throws Exception {
        ok(warden.piping("old").run("secret", "set", "gh-token"));

        CliRunner.Result again = ok(warden.piping(VALUE).run("secret", "set", "gh-token"));

        assertThat(again.out()).contains("Replaced the value of secret 'gh-token'.");
        assertThat(new SecretStore(home).value("gh-token")).contains(VALUE);
    }

    @Test
    void anEmptyValueIsRefusedAndNothingIsStored() throws Exception {
        for (String input : List.of("", "\n", "\r\n")) {
            CliRunner.Result refused = warden.piping(input).run("secret", "set", "gh-token");

            assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(refused.err()).contains("no value for secret 'gh-token': nothing was stored");
        }
        assertThat(home.resolve("secrets")).doesNotExist();
    }

    @Test
    void aBadNameIsAUsageErrorThatNamesItAndReadsNoValue() throws Exception {
        CliRunner.Result refused = warden.piping(VALUE).run("secret", "set", "gh token");

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("'gh token' is not a secret name").doesNotContain(VALUE).doesNotContain("\tat ");
        assertThat(HomeSnapshot.of(home)).isEmpty();
    }

    @Test
    void setSaysWhichPluginsMayUseTheSecret() throws Exception {
        installGitHubPlugin();

        CliRunner.Result set = ok(warden.piping(VALUE).run("secret", "set", "gh-token"));

        assertThat(set.out()).contains("Granted to: acme/gh (for api.github.com).");
    }

    @Test
    void listShowsNamesTimesAndGrantsButNeverValues() throws Exception {
        installGitHubPlugin();
        warden.clock(Clock.fixed(NOW, ZoneOffset.UTC));
        ok(warden.piping(VALUE).run("secret", "set", "gh-token"));
        ok(warden.piping("npm_0ther").run("secret", "set", "npm"));

        CliRunner.Result text = ok(warden.run("secret", "list"));
        CliRunner.Result json = ok(warden.run("secret", "list", "--json"));

        assertThat(text.out()).isEqualTo("gh-token  set 2025-03-01T10:00:00Z  granted to acme/gh (for api.github.com)\n"
                + "npm  set 2025-03-01T10:00:00Z  not granted to any installed plugin\n");
        JsonNode rows = JsonMapper.builder().build().readTree(json.out());
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("name").asString()).isEqualTo("gh-token");
        assertThat(rows.get(0).get("setAt").asString()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(rows.get(0).get("grantedTo").get(0).get("plugin").asString()).isEqualTo("acme/gh");
        assertThat(rows.get(0).get("grantedTo").get(0).get("host").asString()).isEqualTo("api.github.com");
        assertThat(rows.get(1).get("grantedTo").size()).isZero();
        assertThat(json.out()).doesNotContain("npm_0ther");
    }

    @Test
    void listWithNothingStoredSaysHowToStoreOne() {
        assertThat(ok(warden.run("secret", "list")).out()).contains("No secrets stored");
        assertThat(ok(warden.run("secret", "list", "--json")).out().strip()).isEqualTo("[ ]");
    }

    @Test
    void removeForgetsASecretAndNamesOneThatIsNotStored() throws Exception {
        installGitHubPlugin();
        ok(warden.piping(VALUE).run("secret", "set", "gh-token"));

        CliRunner.Result removed = ok(warden.run("secret", "remove", "gh-token"));
        CliRunner.Result again = warden.run("secret", "remove", "gh-token");

        assertThat(removed.out()).contains("Removed secret 'gh-token'.", "Still granted to acme/gh (for api.github.com)");
        assertThat(new SecretStore(home).value("gh-token")).isEmpty();
        assertThat(again.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(again.err()).contains("no secret named 'gh-token' is stored");
    }

    @Test
    void everyChangeIsAuditedByNameAndTheValueIsNowhereButInTheStore() throws Exception {
        ok(warden.piping(VALUE).run("secret", "set", "gh-token"));
        ok(warden.piping(VALUE + "2").run("secret", "set", "gh-token"));
        ok(warden.run("secret", "remove", "gh-token"));
        ok(warden.piping(VALUE).run("secret", "set", "gh-token"));

        CliRunner.Result audit = ok(warden.run("audit", "--json"));

        assertThat(audit.out()).contains("secret.set", "secret.remove", "gh-token", "\"replaced\" : true");
        assertThat(ok(warden.run("audit", "verify")).out()).contains("intact");
        byte[] needle = VALUE.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                boolean holdsValue = indexOf(Files.readAllBytes(file), needle) >= 0;
                assertThat(holdsValue).as(file.toString()).isEqualTo(file.equals(home.resolve("secrets/secrets.json")));
            }
        }
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(ok(warden.run("secret", "--help")).out()).contains("set", "list", "remove", "never printed");
        assertThat(ok(warden.run("--help")).out()).contains("secret");
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
