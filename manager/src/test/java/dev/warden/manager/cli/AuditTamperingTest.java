package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.AuditLog;
import dev.warden.io.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `warden audit verify` as someone with write access to the home folder would try to fool it. */
class AuditTamperingTest extends TrustedAcmeFixture {

    Path audit;

    @BeforeEach
    void installAndChangeSomething() throws Exception {
        audit = home.resolve("audit");
        ok(warden.run("install", acme.sign(plugin("acme", "weather")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("briefing", "Give a weather briefing", "Say the weather."), "weather-1.0.0").toString(), "--yes"));
        ok(warden.run("disable", "acme/weather"));
        ok(warden.run("enable", "acme/weather"));
        assertThat(ok(warden.run("audit", "verify")).out()).contains("intact");
    }

    CliRunner.Result ok(CliRunner.Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    CliRunner.Result verifyFails() {
        CliRunner.Result result = warden.run("audit", "verify");
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.INTEGRITY);
        return result;
    }

    /** Appends a well-chained entry the way Warden would, then puts the old head back: a forgery that lags one. */
    void forgeAnEntryAfterTheHead(AuditEvent event) throws Exception {
        byte[] head = Files.readAllBytes(audit.resolve("head.json"));
        new AuditLog(audit).append(event, Optional.of(PluginId.parse("acme/weather")), Map.of("by", "someone"), Instant.now());
        Files.write(audit.resolve("head.json"), head);
    }

    long lines() throws Exception {
        return Files.readAllLines(audit.resolve("audit.jsonl")).size();
    }

    @Test
    void aForgedEntryAppendedAfterTheHeadIsReported() throws Exception {
        forgeAnEntryAfterTheHead(AuditEvent.REVOKE);

        assertThat(verifyFails().err()).contains("line " + lines()).contains("after the last finished append");
    }

    @Test
    void anEntryAcceptedAfterAnInterruptedAppendIsNamedByVerify() throws Exception {
        forgeAnEntryAfterTheHead(AuditEvent.REVOKE);
        long unvouched = lines();

        ok(warden.run("disable", "acme/weather"));

        CliRunner.Result verified = ok(warden.run("audit", "verify"));
        assertThat(verified.out()).contains("intact").contains("entry " + unvouched + " (revoke, accepted by entry " + (unvouched + 1));
        assertThat(ok(warden.run("audit", "--json")).out()).contains(AuditEvent.AUDIT_RECOVERED.id());
    }

    @Test
    void anAuditFolderDeletedWhilePluginsAreInstalledIsReported() throws Exception {
        FileTrees.deleteTree(audit);

        assertThat(verifyFails().err()).contains("shorter than the state it explains");
    }

    @Test
    void anEmptiedLogWithItsHeadRemovedIsReported() throws Exception {
        Files.writeString(audit.resolve("audit.jsonl"), "");
        Files.delete(audit.resolve("head.json"));

        assertThat(verifyFails().err()).contains("shorter than the state it explains");
    }

    @Test
    void aLogCutToItsFirstEntryWithAMatchingHeadIsReported() throws Exception {
        List<String> all = Files.readAllLines(audit.resolve("audit.jsonl"));
        Files.writeString(audit.resolve("audit.jsonl"), all.get(0) + "\n");
        String firstHash = all.get(0).replaceAll(".*\"hash\":\"([0-9a-f]{64})\".*", "$1");
        Files.writeString(audit.resolve("head.json"), "{\"seq\":1,\"hash\":\"" + firstHash + "\"}");

        assertThat(verifyFails().err()).contains("shorter than the state it explains");
    }

    @Test
    void aLogStartedAfreshAfterDeletionIsReportedEvenAfterMoreChanges() throws Exception {
        FileTrees.deleteTree(audit);
        ok(warden.run("disable", "acme/weather"));
        ok(warden.run("enable", "acme/weather"));
        ok(warden.run("disable", "acme/weather"));

        assertThat(verifyFails().err()).containsAnyOf("shorter than the state it explains", "not the entry Warden's last state commit recorded");
    }
}
