package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.state.AuditEntry;
import dev.warden.catalog.state.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every change to what Warden trusts, allows or holds for plugins leaves an entry in the audit log. */
class AuditedChangesTest extends HomeFixture {

    private static final String SECRET_VALUE = "ghp_5ecretValueThatMustNeverBeLogged";

    CliRunner.Result ok(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    List<AuditEntry> entries(String event) throws Exception {
        return new AuditLog(home.resolve("audit")).read(Optional.empty()).stream()
                .filter(e -> e.event().equals(event)).toList();
    }

    @Test
    void trustingRevokingAndForgettingAPublisherAreEachAnAuditEntry() throws Exception {
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        String keyId = Files.readString(acme.publicEntry()).replaceAll("(?s).*\"keyid\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");

        ok(warden.run("trust", "revoke", "acme", "--reason", "laptop stolen"));
        ok(warden.run("trust", "remove", "acme"));

        assertThat(entries("trust.add")).singleElement().satisfies(e -> {
            assertThat(e.details()).containsEntry("publisher", "acme").containsEntry("namespaces", List.of("acme"));
            assertThat(e.details().get("keys")).isEqualTo(List.of(keyId));
        });
        assertThat(entries("trust.revoke")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("publisher", "acme").containsEntry("reason", "laptop stolen"));
        assertThat(entries("trust.remove")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("publisher", "acme"));
        assertThat(ok(warden.run("audit", "verify")).out()).contains("intact");
    }

    @Test
    void aTrustChangeThatWasRefusedOrDeclinedLeavesNoEntry() throws Exception {
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme");
        assertThat(warden.answering("n\n").run("trust", "add", acme.publicEntry().toString()).exitCode()).isEqualTo(ExitCode.REFUSED);
        assertThat(warden.run("trust", "remove", "nobody").exitCode()).isNotZero();

        assertThat(entries("trust.add")).isEmpty();
        assertThat(entries("trust.remove")).isEmpty();
    }

    @Test
    void grantsRevocationsAndSecretsAreEntriesThatNameTheSecretButNeverHoldItsValue() throws Exception {
        Publisher acme = new Publisher(warden, temp.resolve("acme"), "acme").trusted();
        Path bundle = acme.sign(plugin("acme", "weather")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("briefing", "Give a weather briefing", "Say the weather."), "weather-1.0.0");
        ok(warden.run("install", bundle.toString(), "--yes"));

        ok(warden.run("grant", "acme/weather", "fs.write", "${workspace}/reports/**", "--yes"));
        ok(warden.run("revoke", "acme/weather", "fs.write", "${workspace}/reports/**"));
        ok(warden.piping(SECRET_VALUE + "\n").run("secret", "set", "gh-token"));
        ok(warden.run("secret", "remove", "gh-token"));

        assertThat(entries("grant")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("kind", "fs.write"));
        assertThat(entries("revoke")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("scope", "${workspace}/reports/**"));
        assertThat(entries("secret.set")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("name", "gh-token"));
        assertThat(entries("secret.remove")).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("name", "gh-token"));
        assertThat(Files.readString(home.resolve("audit/audit.jsonl"))).doesNotContain(SECRET_VALUE)
                .doesNotContain(SECRET_VALUE.substring(4, 20));
    }

    @Test
    void aPolicyEditedByHandIsAnEntryAtTheNextCommandNamingTheRulesAddedAndRemoved() throws Exception {
        Path system = Files.createDirectories(temp.resolve("system"));
        Files.writeString(system.resolve("policy.json"), "{\"publishers\":{\"block\":[\"evil\"]}}");
        ok(warden.run("policy", "show"));
        ok(warden.run("policy", "show"));
        Files.writeString(system.resolve("policy.json"), "{\"publishers\":{\"block\":[\"worse\"]}}");
        ok(warden.run("policy", "show"));

        List<AuditEntry> changes = entries("policy.change");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).details().get("added")).asString().contains("publishers.block evil");
        assertThat(changes.get(1).details().get("added")).asString().contains("worse");
        assertThat(changes.get(1).details().get("removed")).asString().contains("evil");
        Files.delete(system.resolve("policy.json"));
        ok(warden.run("policy", "show"));
        assertThat(entries("policy.change")).hasSize(3);
        assertThat(ok(warden.run("audit", "verify")).out()).contains("intact");
    }
}
