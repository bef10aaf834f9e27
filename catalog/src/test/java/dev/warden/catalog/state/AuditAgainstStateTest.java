package dev.warden.catalog.state;

import dev.warden.io.CrashPoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.testing.LogLines;
import dev.warden.catalog.testing.States;
import dev.warden.io.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log checked against the state it explains: each commit records the audit head of its time. */
class AuditAgainstStateTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @TempDir
    Path home;

    StateStore store;
    AuditLog log;

    @BeforeEach
    void openStore() {
        store = new StateStore(home);
        log = new AuditLog(store.auditDir());
    }

    /** Five changes, each committed and then audited, as the lifecycle does. */
    private void fiveAuditedCommits() throws Exception {
        for (int i = 0; i < 5; i++) {
            commit(i % 2 == 0 ? States.several() : States.severalAfterChanges());
            log.append("enable", Optional.of(WEATHER), Map.of("n", i), T0);
        }
    }

    private void commit(WardenState state) throws StateException {
        try (StateLock lock = store.lock(Duration.ofSeconds(1), "test")) {
            store.commit(lock, state);
        }
    }

    private Path logFile() {
        return store.auditDir().resolve("audit.jsonl");
    }

    /** Makes head.json agree with the log's last line, as someone covering their tracks would. */
    private void pointHeadAtTheLastLine() throws Exception {
        LogLines lines = LogLines.of(logFile());
        Files.writeString(store.auditDir().resolve("head.json"), lines.size() == 0 ? "{\"seq\":0,\"hash\":\"" + "0".repeat(64) + "\"}"
                : "{\"seq\":" + lines.size() + ",\"hash\":\"" + lines.json(lines.size()).get("hash").stringValue() + "\"}");
    }

    @Test
    void eachCommitRecordsTheAuditHeadOfItsTime() throws Exception {
        fiveAuditedCommits();

        assertThat(store.committedAuditHead()).contains(log.read(Optional.empty()).stream()
                .filter(e -> e.seq() == 4).map(e -> new AuditHead(e.seq(), e.hash())).findFirst().orElseThrow());
        AuditVerification result = store.verifyAudit();
        assertThat(result.ok()).as(result.message()).isTrue();
    }

    @Test
    void aLogCutBeforeTheRecordedEntryIsReportedEvenWhenItsHeadWasMadeToAgree() throws Exception {
        fiveAuditedCommits();
        LogLines.of(logFile()).keep(2).write();
        pointHeadAtTheLastLine();

        AuditVerification result = store.verifyAudit();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBadLine()).contains(3L);
        assertThat(result.message()).contains("shorter than the state it explains").contains("recorded entry 4");
    }

    @Test
    void aDeletedOrEmptiedLogIsReportedWhilePluginsAreInstalled() throws Exception {
        fiveAuditedCommits();
        Files.writeString(logFile(), "");
        pointHeadAtTheLastLine();
        assertThat(store.verifyAudit().ok()).isFalse();

        FileTrees.deleteTree(store.auditDir());
        AuditVerification deleted = store.verifyAudit();
        assertThat(deleted.ok()).isFalse();
        assertThat(deleted.message()).contains("shorter than the state it explains");
    }

    @Test
    void anEmptyLogIsReportedWhenTheStateWasCommittedBeforeAnyEntry() throws Exception {
        commit(States.several());

        AuditVerification result = store.verifyAudit();

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("plugins are installed but the log is empty");
    }

    @Test
    void aLogRewrittenFromTheStartIsReportedAtTheRecordedEntry() throws Exception {
        fiveAuditedCommits();
        FileTrees.deleteTree(store.auditDir());
        AuditLog forged = new AuditLog(store.auditDir());
        for (int i = 0; i < 6; i++) {
            forged.append("disable", Optional.of(WEATHER), Map.of(), T0);
        }

        AuditVerification result = store.verifyAudit();

        assertThat(result.firstBadLine()).as(result.message()).contains(4L);
        assertThat(result.message()).contains("not the entry Warden's last state commit recorded");
    }

    @Test
    void aCommitAfterTheLogWasCutKeepsTheRecordedHeadSoTheCutStaysReported() throws Exception {
        fiveAuditedCommits();
        AuditHead recorded = store.committedAuditHead().orElseThrow();
        FileTrees.deleteTree(store.auditDir());
        log.append("install", Optional.of(WEATHER), Map.of(), T0);

        commit(States.several());

        assertThat(store.committedAuditHead()).contains(recorded);
        assertThat(store.verifyAudit().ok()).isFalse();
    }

    @Test
    void aCrashAfterTheJournalKeepsTheRecordedHeadThroughRecovery() throws Exception {
        fiveAuditedCommits();
        AuditHead before = store.committedAuditHead().orElseThrow();
        log.append("grant", Optional.of(WEATHER), Map.of(), T0);
        store.crashPoint(step -> {
            if (step.equals(StateStore.JOURNAL + ": folder synced")) {
                throw new IllegalStateException("killed");
            }
        });
        StateLock lock = store.lock(Duration.ofSeconds(1), "dying");
        try {
            store.commit(lock, States.several());
        } catch (IllegalStateException killed) {
            lock.close();
        }
        store.crashPoint(CrashPoint.NONE);

        try (StateLock recovered = new StateStore(home).lock(Duration.ofSeconds(1), "next")) {
            assertThat(store.committedAuditHead()).hasValueSatisfying(h -> assertThat(h.seq()).isEqualTo(before.seq() + 2));
        }
        assertThat(store.verifyAudit().ok()).isTrue();
    }

    @Test
    void stateWrittenBeforeHeadsWereRecordedStillReads() throws Exception {
        commit(States.several());
        Path catalog = home.resolve("catalog.json");
        Files.writeString(catalog, Files.readString(catalog).replaceAll("(?s)\"audit\" : \\{[^}]*},\\s*", ""));

        assertThat(store.read()).isEqualTo(States.several());
        assertThat(store.committedAuditHead()).isEmpty();
    }
}
