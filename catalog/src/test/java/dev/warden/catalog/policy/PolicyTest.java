package dev.warden.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy rules, as written in the system and user files, and what they decide. */
class PolicyTest {

    @TempDir
    Path folder;

    /** A question put to a policy, named for the test report. */
    record Check(String label, Function<Policy, Optional<String>> ask) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Check publisher(String name) {
        return new Check("publisher " + name, p -> p.refusesPublisher(name));
    }

    static Check marketplace(String name) {
        return new Check("marketplace " + name, p -> p.refusesMarketplace(name));
    }

    static Check plugin(String id, String version) {
        return new Check(id + " " + version, p -> p.refusesPlugin(PluginId.parse(id), Version.parse(version)));
    }

    static Check permission(String kind, String scope) {
        Permission permission = Permission.of(PermissionKind.byId(kind).orElseThrow(), scope, "test");
        return new Check(kind + " " + scope, p -> p.refusesPermission(permission));
    }

    private static final String SYSTEM = "system";
    private static final String USER = "user";
    private static final String ALLOWED = "allowed";

    static Arguments row(String system, String user, Check check, String expected) {
        return arguments(Optional.ofNullable(system), Optional.ofNullable(user), check, expected);
    }

    static Stream<Arguments> decisions() {
        String blockEvil = "{\"publishers\": {\"block\": [\"evil\"]}}";
        String onlyAcme = "{\"publishers\": {\"allow\": [\"acme\"]}}";
        String acmeAndBeta = "{\"publishers\": {\"allow\": [\"acme\", \"beta\"]}}";
        String killBad = "{\"killList\": [\"acme/bad\", \"acme/old@1.0.0\"]}";
        String minimum120 = "{\"minimumVersions\": {\"acme/weather\": \"1.2.0\"}}";
        String minimum130 = "{\"minimumVersions\": {\"acme/weather\": \"1.3.0\"}}";
        String noExec = "{\"permissions\": {\"block\": [{\"kind\": \"process.exec\"}]}}";
        String noEgress = "{\"permissions\": {\"block\": [{\"kind\": \"net.egress\"}]}}";
        String noSsh = "{\"permissions\": {\"block\": [{\"kind\": \"fs.read\", \"scope\": \"${home}/.ssh/**\"}]}}";
        String noMetadata = "{\"hosts\": {\"block\": [\"169.254.169.254\"]}}";
        String noEvil = "{\"hosts\": {\"block\": [\"*.evil.net\"]}}";
        return Stream.of(
                // publishers: block, allow, precedence
                row(blockEvil, null, publisher("evil"), SYSTEM),
                row(blockEvil, null, publisher("acme"), ALLOWED),
                row(null, blockEvil, publisher("evil"), USER),
                row(onlyAcme, null, publisher("acme"), ALLOWED),
                row(onlyAcme, null, publisher("beta"), SYSTEM),
                row("{\"publishers\": {\"allow\": []}}", null, publisher("beta"), ALLOWED),
                row(acmeAndBeta, onlyAcme, publisher("beta"), USER),
                row(onlyAcme, acmeAndBeta, publisher("beta"), SYSTEM),
                row(onlyAcme, acmeAndBeta, publisher("acme"), ALLOWED),
                row(onlyAcme, "{\"publishers\": {\"block\": [\"acme\"]}}", publisher("acme"), USER),
                row(blockEvil, "{\"publishers\": {\"allow\": [\"evil\"]}}", publisher("evil"), SYSTEM),
                // marketplaces
                row("{\"marketplaces\": {\"block\": [\"shady\"]}}", null, marketplace("shady"), SYSTEM),
                row("{\"marketplaces\": {\"block\": [\"shady\"]}}", null, marketplace("official"), ALLOWED),
                row(null, "{\"marketplaces\": {\"allow\": [\"official\"]}}", marketplace("other"), USER),
                row("{\"marketplaces\": {\"allow\": [\"official\"]}}",
                        "{\"marketplaces\": {\"allow\": [\"official\", \"other\"]}}", marketplace("other"), SYSTEM),
                row("{\"marketplaces\": {\"allow\": [\"official\", \"other\"]}}",
                        "{\"marketplaces\": {\"block\": [\"other\"]}}", marketplace("other"), USER),
                // kill list
                row(killBad, null, plugin("acme/bad", "1.0.0"), SYSTEM),
                row(killBad, null, plugin("acme/bad", "9.9.9"), SYSTEM),
                row(killBad, null, plugin("acme/old", "1.0.0"), SYSTEM),
                row(killBad, null, plugin("acme/old", "1.0.0+build.7"), SYSTEM),
                row(killBad, null, plugin("acme/old", "1.0.1"), ALLOWED),
                row(killBad, null, plugin("acme/weather", "1.0.0"), ALLOWED),
                row(null, killBad, plugin("acme/bad", "1.0.0"), USER),
                row("{\"killList\": [\"acme/old@1.0.0\"]}", "{\"killList\": [\"acme/old\"]}", plugin("acme/old", "2.0.0"), USER),
                // minimum versions: the boundary, and the higher of the two files
                row(minimum120, null, plugin("acme/weather", "1.1.9"), SYSTEM),
                row(minimum120, null, plugin("acme/weather", "1.2.0-rc.1"), SYSTEM),
                row(minimum120, null, plugin("acme/weather", "1.2.0"), ALLOWED),
                row(minimum120, null, plugin("acme/weather", "1.2.1"), ALLOWED),
                row(minimum120, null, plugin("acme/other", "0.0.1"), ALLOWED),
                row(minimum120, minimum130, plugin("acme/weather", "1.2.5"), USER),
                row(minimum130, minimum120, plugin("acme/weather", "1.2.5"), SYSTEM),
                row(null, minimum120, plugin("acme/weather", "1.1.0"), USER),
                // blocked kinds, with what an MCP server implies
                row(noExec, null, permission("process.exec", "/usr/bin/git"), SYSTEM),
                row(noExec, null, permission("mcp.server", "stdio:npx -y some-server"), SYSTEM),
                row(noExec, null, permission("mcp.server", "https://mcp.example.com/mcp"), ALLOWED),
                row(noExec, null, permission("net.egress", "https://api.example.com"), ALLOWED),
                row(noEgress, null, permission("mcp.server", "https://mcp.example.com/mcp"), SYSTEM),
                row(null, noExec, permission("process.exec", "*"), USER),
                // blocked scopes overlap in both directions
                row(noSsh, null, permission("fs.read", "${home}/**"), SYSTEM),
                row(noSsh, null, permission("fs.read", "${home}"), SYSTEM),
                row(noSsh, null, permission("fs.read", "${home}/.ssh/config"), SYSTEM),
                row(noSsh, null, permission("fs.read", "${home}/.SSH/id_rsa"), SYSTEM),
                row(noSsh, null, permission("fs.read", "${home}/notes/**"), ALLOWED),
                row(noSsh, null, permission("fs.write", "${home}/.ssh/**"), ALLOWED),
                row(null, noSsh, permission("fs.read", "${home}/*/id_rsa"), USER),
                // blocked hosts: IP literals in any spelling, wildcards, MCP URLs, secrets
                row(noMetadata, null, permission("net.egress", "http://169.254.169.254"), SYSTEM),
                row(noMetadata, null, permission("net.egress", "http://2852039166"), SYSTEM),
                row(noMetadata, null, permission("net.egress", "http://0xa9.0xfe.0xa9.0xfe:8080"), SYSTEM),
                row(noMetadata, null, permission("net.egress", "http://[::ffff:169.254.169.254]"), SYSTEM),
                row(noMetadata, null, permission("net.egress", "https://*"), SYSTEM),
                row(noMetadata, null, permission("net.egress", "https://api.example.com"), ALLOWED),
                row(noEvil, null, permission("net.egress", "https://a.evil.net"), SYSTEM),
                row(noEvil, null, permission("net.egress", "https://*.evil.net"), SYSTEM),
                row(noEvil, null, permission("net.egress", "https://*.net"), SYSTEM),
                row(noEvil, null, permission("net.egress", "https://evil.net"), ALLOWED),
                row(noEvil, null, permission("net.egress", "https://evil.net.example.com"), ALLOWED),
                row(noEvil, null, permission("mcp.server", "https://mcp.evil.net/sse"), SYSTEM),
                row(noEvil, null, permission("mcp.server", "stdio:npx mcp.evil.net"), ALLOWED),
                row(noEvil, null, permission("secret.use", "secret:token@api.evil.net"), SYSTEM),
                row(null, noEvil, permission("net.egress", "https://x.y.evil.net"), USER),
                row("{\"hosts\": {\"block\": [\"::1\"]}}", null, permission("net.egress", "http://[0:0:0:0:0:0:0:1]:3000"),
                        SYSTEM));
    }

    @ParameterizedTest(name = "system {0}, user {1}: {2} -> {3}")
    @MethodSource("decisions")
    void refusesWhatARuleForbidsAndNamesTheRuleAndItsFile(Optional<String> system, Optional<String> user, Check check,
                                                          String expected) throws PolicyException {
        Policy policy = PolicyFiles.load(folder, system, user);

        Optional<String> refusal = check.ask().apply(policy);

        if (expected.equals(ALLOWED)) {
            assertThat(refusal).isEmpty();
        } else {
            Path file = expected.equals(SYSTEM) ? PolicyFiles.system(folder) : PolicyFiles.user(folder);
            assertThat(refusal).hasValueSatisfying(message -> assertThat(message)
                    .contains("the " + expected + " policy (" + file + ")")
                    .contains(check.label().substring(check.label().indexOf(' ') + 1).split(" ")[0]));
        }
    }

    static Stream<Arguments> flags() {
        // system value | user value | effective; "-" means the file does not mention the flag
        return Stream.of(
                arguments("-", "-", false), arguments("-", "true", true), arguments("-", "false", false),
                arguments("true", "-", true), arguments("true", "true", true), arguments("true", "false", false),
                arguments("false", "-", false), arguments("false", "true", false), arguments("false", "false", false));
    }

    @ParameterizedTest(name = "system {0}, user {1} -> {2}")
    @MethodSource("flags")
    void relaxesSafetyOnlyWhenTheSystemAllowsItAndTheUserDoesNotObject(String system, String user, boolean expected)
            throws PolicyException {
        Policy unverified = PolicyFiles.load(folder, flag("allowUnverified", system), flag("allowUnverified", user));
        assertThat(unverified.allowsUnverified()).isEqualTo(expected);

        Policy hidden = PolicyFiles.load(folder, flag("allowHiddenCharacters", system), flag("allowHiddenCharacters", user));
        assertThat(hidden.allowsHiddenCharacters()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "system {0}, user {1}")
    @MethodSource("flags")
    void requiresProcessIsolationWhenEitherFileDoes(String system, String user, boolean ignored) throws PolicyException {
        Policy policy = PolicyFiles.load(folder, flag("requiresProcessIsolation", system),
                flag("requiresProcessIsolation", user));

        assertThat(policy.requiresProcessIsolation()).isEqualTo(system.equals("true") || user.equals("true"));
    }

    private static Optional<String> flag(String name, String value) {
        return Optional.of(value.equals("-") ? "{}" : "{\"" + name + "\": " + value + "}");
    }

    @Test
    void defaultsToTheSafeChoiceWithoutAnyFile() throws PolicyException {
        Policy policy = PolicyFiles.load(folder, Optional.empty(), Optional.empty());

        assertThat(policy.rules()).isEmpty();
        assertThat(policy.allowsUnverified()).isFalse();
        assertThat(policy.allowsHiddenCharacters()).isFalse();
        assertThat(policy.requiresProcessIsolation()).isFalse();
        assertThat(policy.file(RuleSource.SYSTEM)).isEmpty();
        assertThat(policy).isEqualTo(Policy.none());
    }

    @Test
    void listsEveryRuleWithItsSourceForPolicyShow() throws PolicyException {
        Policy policy = PolicyFiles.load(folder,
                Optional.of("{\"publishers\": {\"allow\": [\"acme\"], \"block\": [\"evil\"]},"
                        + " \"minimumVersions\": {\"acme/weather\": \"1.2.0\"}, \"allowUnverified\": true}"),
                Optional.of("{\"publishers\": {\"allow\": [\"acme\"], \"block\": [\"evil\", \"worse\"]},"
                        + " \"permissions\": {\"block\": [{\"kind\": \"fs.read\", \"scope\": \"${home}/.ssh/**\"}]},"
                        + " \"minimumVersions\": {\"acme/weather\": \"1.3.0\"}, \"allowUnverified\": false}"));

        assertThat(policy.rules()).containsExactlyInAnyOrder(
                new PolicyRule(PolicyRule.PUBLISHERS_BLOCK, "evil", RuleSource.SYSTEM),
                new PolicyRule(PolicyRule.PUBLISHERS_BLOCK, "worse", RuleSource.USER),
                new PolicyRule(PolicyRule.PERMISSIONS_BLOCK, "fs.read ${home}/.ssh/**", RuleSource.USER),
                new PolicyRule(PolicyRule.PUBLISHERS_ALLOW, "acme", RuleSource.SYSTEM),
                new PolicyRule(PolicyRule.PUBLISHERS_ALLOW, "acme", RuleSource.USER),
                new PolicyRule(PolicyRule.MINIMUM_VERSIONS, "acme/weather>=1.3.0", RuleSource.USER),
                new PolicyRule(PolicyRule.ALLOW_UNVERIFIED, "false", RuleSource.USER));
        assertThat(policy.file(RuleSource.USER)).contains(PolicyFiles.user(folder));
    }

    @Test
    void readsTheFormatOfTheDesignInFull() throws PolicyException {
        Policy policy = PolicyFiles.load(folder, Optional.of("""
                { "publishers": { "allow": ["acme"], "block": ["evil"] },
                  "marketplaces": { "allow": [], "block": ["shady"] },
                  "permissions": { "block": [ { "kind": "process.exec" }, { "kind": "fs.read", "scope": "${home}/.ssh/**" } ] },
                  "hosts": { "block": ["169.254.169.254", "*.evil.net"] },
                  "minimumVersions": { "acme/weather": "1.2.0" },
                  "killList": ["acme/bad", "acme/old@1.0.0"],
                  "allowUnverified": false, "allowHiddenCharacters": false, "requiresProcessIsolation": false }
                """), Optional.empty());

        assertThat(policy.rules()).hasSize(13);
        assertThat(policy.toString()).contains("killList: acme/old@1.0.0 (system)");
    }
}
