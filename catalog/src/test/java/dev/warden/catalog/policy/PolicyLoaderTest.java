package dev.warden.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed policy files are refused whole, naming the file and the JSON path of the fault. */
class PolicyLoaderTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "duplicate-top-level-key   | {\"killList\": [], \"killList\": []}                      | $.killList                   | duplicate key",
            "duplicate-nested-key      | {\"publishers\": {\"block\": [\"a\"], \"block\": [\"b\"]}} | $.publishers.block           | duplicate key",
            "unknown-top-level-field   | {\"publisher\": {\"block\": [\"evil\"]}}                 | $.publisher                  | unknown field",
            "unknown-nested-field      | {\"hosts\": {\"allow\": [\"a.com\"]}}                    | $.hosts.allow                | unknown field",
            "unknown-permission-field  | {\"permissions\": {\"block\": [{\"kind\": \"fs.read\", \"scopes\": \"/\"}]}} | $.permissions.block[0].scopes | unknown field",
            "flag-as-string            | {\"allowUnverified\": \"yes\"}                           | $.allowUnverified            | expected true or false, found string",
            "list-as-string            | {\"publishers\": {\"block\": \"evil\"}}                  | $.publishers.block           | expected an array of strings",
            "number-in-list            | {\"publishers\": {\"block\": [1]}}                       | $.publishers.block[0]        | expected a string, found number",
            "null-section              | {\"hosts\": null}                                        | $.hosts                      | expected an object, found null",
            "uppercase-publisher       | {\"publishers\": {\"block\": [\"Evil\"]}}                | $.publishers.block[0]        | kebab-case",
            "marketplace-with-space    | {\"marketplaces\": {\"block\": [\"my market\"]}}         | $.marketplaces.block[0]      | kebab-case",
            "permission-without-kind   | {\"permissions\": {\"block\": [{\"scope\": \"/\"}]}}     | $.permissions.block[0]       | needs a \"kind\"",
            "unknown-permission-kind   | {\"permissions\": {\"block\": [{\"kind\": \"fs.execute\"}]}} | $.permissions.block[0]   | unknown permission kind",
            "relative-scope            | {\"permissions\": {\"block\": [{\"kind\": \"fs.read\", \"scope\": \"docs/**\"}]}} | $.permissions.block[0] | relative",
            "host-with-port            | {\"hosts\": {\"block\": [\"evil.net:443\"]}}             | $.hosts.block[0]             | without scheme, port or path",
            "uppercase-host            | {\"hosts\": {\"block\": [\"Evil.NET\"]}}                 | $.hosts.block[0]             | lowercase",
            "short-version             | {\"minimumVersions\": {\"acme/weather\": \"1.2\"}}       | $.minimumVersions['acme/weather'] | not a semantic version",
            "version-as-number         | {\"minimumVersions\": {\"acme/weather\": 1}}             | $.minimumVersions['acme/weather'] | found number",
            "id-without-name           | {\"killList\": [\"acme\"]}                               | $.killList[0]                | publisher/name",
            "kill-bad-version          | {\"killList\": [\"acme/old@v1\"]}                        | $.killList[0]                | not a semantic version",
            "array-at-top              | []                                                       | $                            | expected an object, found array",
            "empty-file                | ``                                                       | $                            | empty",
            "truncated                 | {\"killList\": [\"acme/bad\"                             | $.killList[0]                | malformed JSON",
            "trailing-data             | {} {}                                                    | $                            | unexpected data after",
    })
    void refusesAMalformedFileNamingItAndThePath(String defect, String json, String path, String problem) throws IOException {
        Path file = PolicyFiles.user(folder);
        PolicyFiles.write(file, Optional.of(json));

        assertThatThrownBy(() -> PolicyLoader.load(PolicyFiles.system(folder), file))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.jsonPath()).isEqualTo(path);
                    assertThat(e.getMessage()).startsWith(file + ": " + path + ": ").contains(problem);
                });
    }

    @Test
    void refusesNestingDeeperThanAPolicyNeeds() {
        Path file = PolicyFiles.system(folder);
        PolicyFiles.write(file, Optional.of("{\"killList\": " + "[".repeat(40) + "]".repeat(40) + "}"));

        assertThatThrownBy(() -> PolicyLoader.load(file, PolicyFiles.user(folder)))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.jsonPath()).startsWith("$.killList[0]");
                });
    }

    @Test
    void aReservedMarketplaceNameIsKeptForItsLocationOnly() throws Exception {
        Path file = PolicyFiles.system(folder);
        PolicyFiles.write(file, Optional.of("{\"marketplaces\": {\"reserved\": {\"official\": \"https://plugins.example.com/\"}}}"));

        Policy policy = PolicyLoader.load(file, PolicyFiles.user(folder));

        assertThat(policy.refusesMarketplace("official", "https://plugins.example.com")).isEmpty();
        assertThat(policy.refusesMarketplace("official", "https://evil.example.net/")).get().asString()
                .contains("reserved").contains("https://plugins.example.com/");
        assertThat(policy.refusesMarketplace("other", "https://evil.example.net/")).isEmpty();
        assertThat(policy.reservedMarketplaceNames()).containsExactly("official");
    }

    @Test
    void aReservedMarketplaceNeedsALocationString() {
        Path file = PolicyFiles.system(folder);
        PolicyFiles.write(file, Optional.of("{\"marketplaces\": {\"reserved\": {\"official\": true}}}"));

        assertThatThrownBy(() -> PolicyLoader.load(file, PolicyFiles.user(folder)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("marketplaces.reserved.official");
    }

    @Test
    void refusesAFolderWhereTheFileShouldBe() throws IOException {
        Path file = PolicyFiles.system(folder);
        Files.createDirectories(file);

        assertThatThrownBy(() -> PolicyLoader.load(file, PolicyFiles.user(folder)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("folder");
    }

    @Test
    void refusesAFileLargerThanTheLimit() throws IOException {
        Path file = PolicyFiles.system(folder);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"killList\": [" + "\"acme/bad\",".repeat(110_000) + "\"acme/bad\"]}");

        assertThatThrownBy(() -> PolicyLoader.load(file, PolicyFiles.user(folder)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("larger than " + PolicyLoader.MAX_BYTES);
    }

    @Test
    void escapesControlCharactersOfAnUnknownKeyInTheMessage() {
        Path file = PolicyFiles.user(folder);
        PolicyFiles.write(file, Optional.of("{\"evil\\u001b[31m\": true}"));

        assertThatThrownBy(() -> PolicyLoader.load(PolicyFiles.system(folder), file))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("\\u001B")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void readsOnlyTheFileThatExists() throws PolicyException {
        Policy policy = PolicyFiles.load(folder, Optional.empty(), Optional.of("{\"killList\": [\"acme/bad\"]}"));

        assertThat(policy.file(RuleSource.SYSTEM)).isEmpty();
        assertThat(policy.file(RuleSource.USER)).contains(PolicyFiles.user(folder));
        assertThat(policy.rules()).containsExactly(new PolicyRule(PolicyRule.KILL_LIST, "acme/bad", RuleSource.USER));
    }

    @Test
    void keepsOneCopyOfARuleBothFilesStateAndCreditsTheSystem() throws PolicyException {
        String same = "{\"hosts\": {\"block\": [\"*.evil.net\"]}}";

        Policy policy = PolicyFiles.load(folder, Optional.of(same), Optional.of(same));

        assertThat(policy.rules()).containsExactly(new PolicyRule(PolicyRule.HOSTS_BLOCK, "*.evil.net", RuleSource.SYSTEM));
    }
}
