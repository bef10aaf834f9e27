package dev.warden.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.testing.AuditAppender;
import dev.warden.catalog.testing.LogLines;
import dev.warden.catalog.testing.SecondJvm;
import dev.warden.io.Digests;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@Timeout(120)
class AuditLogTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");
    private static final PluginId NOTES = PluginId.parse("zeta/notes");
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path home;

    private Path auditDir;
    private AuditLog log;

    @BeforeEach
    void openLog() {
        auditDir = home.resolve("audit");
        log = new AuditLog(auditDir);
    }

    @Test
    void anEmptyLogReadsAsNoEntriesAndVerifies() throws Exception {
        assertThat(log.read(Optional.empty())).isEmpty();
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.verify().entries()).isZero();
    }

    @Test
    void appendedEntriesReadBackInOrderWithNumbersAndChainedHashes() throws Exception {
        AuditEntry first = log.append("install", Optional.of(WEATHER), Map.of("version", "1.2.0"), T0);
        AuditEntry second = log.append("policy.reload", Optional.empty(), Map.of(), T0.plusSeconds(1));

        assertThat(log.read(Optional.empty())).containsExactly(first, second);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prev()).isEqualTo("0".repeat(64));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.prev()).isEqualTo(first.hash());
        assertThat(first.hash()).matches("[0-9a-f]{64}").isNotEqualTo(second.hash());
        assertThat(second.plugin()).isEmpty();
    }

    @Test
    void readingCanBeLimitedToOnePlugin() throws Exception {
        log.append("install", Optional.of(WEATHER), Map.of(), T0);
        log.append("install", Optional.of(NOTES), Map.of(), T0);
        log.append("capability.denied", Optional.of(WEATHER), Map.of("kind", "net.egress"), T0);
        log.append("policy.reload", Optional.empty(), Map.of(), T0);

        assertThat(log.read(Optional.of(WEATHER))).extracting(AuditEntry::seq).containsExactly(1L, 3L);
        assertThat(log.read(Optional.of(NOTES))).extracting(AuditEntry::event).containsExactly("install");
        assertThat(log.read(Optional.empty())).hasSize(4);
    }

    @Test
    void detailsOfEveryAllowedTypeReadBackAsAppended() throws Exception {
        Map<String, Object> details = new HashMap<>();
        details.put("text", "héllo \"quoted\"");
        details.put("int", 7);
        details.put("long", Long.MAX_VALUE);
        details.put("big", new BigInteger("123456789012345678901234567890"));
        details.put("double", 0.1);
        details.put("flag", true);
        details.put("list", List.of("a", 1, false));
        details.put("map", Map.of("z", 1, "a", Map.of("deep", List.of())));

        AuditEntry appended = log.append("test.details", Optional.empty(), details, T0);

        assertThat(log.read(Optional.empty())).containsExactly(appended);
        assertThat(appended.details()).containsEntry("int", 7L).containsEntry("double", 0.1)
                .containsEntry("big", new BigInteger("123456789012345678901234567890"))
                .containsEntry("list", List.of("a", 1L, false));
        assertThat(appended.details().keySet()).containsExactly("big", "double", "flag", "int", "list", "long", "map", "text");
        assertThat(log.verify().ok()).isTrue();
    }

    static Stream<Arguments> refusedDetails() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("token", null);
        return Stream.of(
                Arguments.of("null", withNull),
                Arguments.of("NaN", Map.of("ratio", Double.NaN)),
                Arguments.of("an object", Map.of("when", Instant.EPOCH)),
                Arguments.of("a map with a number key", Map.of("m", Map.of(1, "x"))),
                Arguments.of("a decimal that would lose precision", Map.of("price", new java.math.BigDecimal("0.10"))));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refusedDetails")
    void refusesDetailsThatAreNotPlainJsonValues(String what, Map<String, ?> details) {
        assertThatThrownBy(() -> log.append("test", Optional.empty(), details, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit detail");
        assertThat(auditDir.resolve("audit.jsonl")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Install", "install now", "install\n", "plugin..install", ".install"})
    void refusesEventNamesThatAreNotLowercaseWords(String event) {
        assertThatThrownBy(() -> log.append(event, Optional.empty(), Map.of(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUntouchedLogVerifies() throws Exception {
        appendTen();

        AuditVerification result = log.verify();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.entries()).isEqualTo(10);
        assertThat(result.firstBadLine()).isEmpty();
    }

    static Stream<Arguments> editedFields() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, JsonNode> replacements = Map.of(
                "seq", NODES.numberNode(99),
                "time", NODES.stringNode("2025-05-01T10:00:00.5Z"),
                "event", NODES.stringNode("uninstall"),
                "plugin", NODES.stringNode("evil/plugin"),
                "details", NODES.objectNode().put("i", 1000),
                "prev", NODES.stringNode("a".repeat(64)),
                "hash", NODES.stringNode("b".repeat(64)));
        for (String field : List.of("seq", "time", "event", "plugin", "details", "prev", "hash")) {
            for (int line = 1; line <= 10; line++) {
                cases.add(Arguments.of(field, line, replacements.get(field)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} of line {1}")
    @MethodSource("editedFields")
    void editingAnyFieldOfAnyLineIsReportedAtThatLine(String field, int line, JsonNode value) throws Exception {
        AuditVerification result = verifyAfter(lines -> lines.setField(line, field, value));

        assertThat(result.firstBadLine()).as(result.message()).contains((long) line);
        assertThat(result.message()).contains("line " + line).contains("edited");
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineNumbers")
    void anEditedLineWhoseHashWasRecomputedIsReportedByTheLineAfterIt(int line) throws Exception {
        appendTen();
        LogLines lines = LogLines.of(logFile());
        ObjectNode node = lines.json(line);
        node.put("event", "nothing.happened");
        node.remove("hash");
        node.put("hash", Digests.sha256Hex(StateJson.canonical(node)));
        lines.replace(line, node.toString()).write();

        AuditVerification result = log.verify();

        // the last line is vouched for by head.json instead of a next line
        assertThat(result.firstBadLine()).as(result.message()).contains((long) Math.min(line + 1, 10));
        assertThat(result.ok()).isFalse();
    }

    @ParameterizedTest(name = "line {0}")
    @MethodSource("lineNumbers")
    void removingAnyLineIsReportedAtItsPlace(int line) throws Exception {
        AuditVerification result = verifyAfter(lines -> lines.remove(line));

        assertThat(result.firstBadLine()).as(result.message()).contains((long) line);
        assertThat(result.message()).containsAnyOf("removed", "cut");
    }

    @ParameterizedTest(name = "lines {0} and {0}+1")
    @MethodSource("swappableLines")
    void swappingTwoLinesIsReportedAtTheFirst(int line) throws Exception {
        AuditVerification result = verifyAfter(lines -> lines.swap(line, line + 1));

        assertThat(result.firstBadLine()).as(result.message()).contains((long) line);
        assertThat(result.message()).contains("reordered");
    }

    @ParameterizedTest(name = "keeping {0} lines")
    @MethodSource("keptLines")
    void truncatingTheTailIsReportedAtTheFirstMissingLine(int kept) throws Exception {
        AuditVerification result = verifyAfter(lines -> lines.keep(kept));

        assertThat(result.firstBadLine()).as(result.message()).contains((long) kept + 1);
        assertThat(result.message()).contains("cut");
    }

    @Test
    void aLineCutInTheMiddleIsReported() throws Exception {
        appendTen();
        LogLines lines = LogLines.of(logFile());
        String last = lines.line(10);
        lines.keep(9).appendUnterminated(last.substring(0, last.length() / 2)).write();

        AuditVerification result = log.verify();

        assertThat(result.firstBadLine()).as(result.message()).contains(10L);
    }

    @ParameterizedTest(name = "garbage [{0}]")
    @ValueSource(strings = {"garbage", "{}", "{\"seq\":11}", "", "[1,2]"})
    void garbageAppendedToTheLogIsReportedAtItsLine(String garbage) throws Exception {
        AuditVerification result = verifyAfter(lines -> lines.append(garbage));

        assertThat(result.firstBadLine()).as(result.message()).contains(11L);
        assertThat(result.message()).contains("line 11");
    }

    @Test
    void garbageWithoutALineEndIsReportedToo() throws Exception {
        appendTen();
        LogLines.of(logFile()).appendUnterminated("{\"seq\":11,").write();

        assertThat(log.verify().firstBadLine()).contains(11L);
    }

    @Test
    void aValidLookingLineAddedWithoutWardenIsReported() throws Exception {
        appendTen();
        appendBehindTheHead(() -> {
            log.append("install", Optional.of(WEATHER), Map.of(), T0);
            log.append("install", Optional.of(WEATHER), Map.of(), T0);
        });

        AuditVerification result = log.verify();

        assertThat(result.firstBadLine()).as(result.message()).contains(11L);
    }

    @Test
    void aChainedEntryAppendedAfterTheHeadIsReportedUntilAnAppendAcceptsItOnTheRecord() throws Exception {
        appendTen();
        appendBehindTheHead(() -> log.append("trust.remove", Optional.empty(), Map.of("publisher", "acme"), T0));

        AuditVerification behind = log.verify();
        assertThat(behind.firstBadLine()).as(behind.message()).contains(11L);
        assertThat(behind.message()).contains("after the last finished append").contains(AuditEvent.AUDIT_RECOVERED.id());

        log.append("install", Optional.of(NOTES), Map.of(), T0);
        List<AuditEntry> entries = log.read(Optional.empty());
        assertThat(entries).hasSize(13);
        assertThat(entries.get(11).event()).isEqualTo(AuditEvent.AUDIT_RECOVERED.id());
        assertThat(entries.get(11).details()).containsEntry("entry", 11L).containsEntry("event", "trust.remove");
        AuditVerification after = log.verify();
        assertThat(after.ok()).as(after.message()).isTrue();
        assertThat(after.message()).contains("1 interrupted append was accepted on the record")
                .contains("entry 11 (trust.remove, accepted by entry 12");
    }

    @Test
    void aRecoveryEntryThatDoesNotNameTheEntryBeforeItIsReported() throws Exception {
        appendTen();
        appendBehindTheHead(() -> log.append("install", Optional.of(WEATHER), Map.of(), T0));
        log.append("install", Optional.of(NOTES), Map.of(), T0);
        // rewrite entry 12, the recovery, so that it names entry 10 instead; rehash it and the line after it
        LogLines lines = LogLines.of(logFile());
        ObjectNode recovery = lines.json(12);
        ((ObjectNode) recovery.get("details")).put("entry", 10);
        lines.replace(12, rehashed(recovery)).write();
        ObjectNode last = LogLines.of(logFile()).json(13);
        last.put("prev", LogLines.of(logFile()).json(12).get("hash").stringValue());
        LogLines.of(logFile()).replace(13, rehashed(last)).write();
        Files.writeString(auditDir.resolve("head.json"), "{\"seq\":13,\"hash\":\"" + LogLines.of(logFile()).json(13).get("hash").stringValue() + "\"}");

        AuditVerification result = log.verify();

        assertThat(result.firstBadLine()).as(result.message()).contains(12L);
        assertThat(result.message()).contains("recovery of an entry it does not follow");
    }

    @Test
    void aFirstLineWithoutAHeadIsNotVouchedFor() throws Exception {
        log.append("install", Optional.of(WEATHER), Map.of(), T0);
        Files.delete(auditDir.resolve("head.json"));

        assertThat(log.verify().firstBadLine()).contains(1L);
        log.append("install", Optional.of(NOTES), Map.of(), T0);
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.read(Optional.empty())).extracting(AuditEntry::event)
                .containsExactly("install", AuditEvent.AUDIT_RECOVERED.id(), "install");
    }

    static Stream<Arguments> appendSteps() {
        return Stream.of("install: line written", "install: head written", AuditEvent.AUDIT_RECOVERED.id() + ": line written",
                AuditEvent.AUDIT_RECOVERED.id() + ": head written").map(Arguments::of);
    }

    @ParameterizedTest(name = "killed after {0}")
    @MethodSource("appendSteps")
    void anAppendKilledAtAnyStepIsAcceptedByTheNextAppendAndTheLogThenVerifies(String step) throws Exception {
        appendTen();
        if (step.startsWith(AuditEvent.AUDIT_RECOVERED.id())) {
            // leave one unvouched entry, so that the next append starts with its recovery
            appendBehindTheHead(() -> log.append("install", Optional.of(WEATHER), Map.of(), T0));
        }
        AuditLog dying = new AuditLog(auditDir);
        dying.crashPoint(reached -> {
            if (reached.equals(step)) {
                throw new IllegalStateException("killed");
            }
        });
        assertThatThrownBy(() -> dying.append("install", Optional.of(NOTES), Map.of(), T0)).hasMessage("killed");

        log.append("remove", Optional.of(NOTES), Map.of(), T0);

        AuditVerification result = log.verify();
        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(log.read(Optional.empty()).get((int) result.entries() - 1).event()).isEqualTo("remove");
    }

    @Test
    void anAppendInterruptedMidLineIsSkippedByReadAndRemovedByTheNextAppend() throws Exception {
        appendTen();
        LogLines.of(logFile()).appendUnterminated("{\"details\":{},\"event\":\"inst").write();

        assertThat(log.read(Optional.empty())).hasSize(10);

        AuditEntry next = log.append("install", Optional.of(WEATHER), Map.of(), T0);

        assertThat(next.seq()).isEqualTo(11);
        assertThat(log.verify().ok()).isTrue();
        assertThat(log.read(Optional.empty())).hasSize(11);
    }

    @Test
    void refusesToExtendALogWhoseTailWasCut() throws Exception {
        appendTen();
        LogLines.of(logFile()).keep(7).write();

        assertThatThrownBy(() -> log.append("install", Optional.of(WEATHER), Map.of(), T0))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("audit.jsonl").hasMessageContaining("head.json").hasMessageContaining("verify");
        assertThat(LogLines.of(logFile()).size()).isEqualTo(7);
    }

    @Test
    void readReportsTheFileAndLineOfAnUnreadableEntry() throws Exception {
        appendTen();
        LogLines.of(logFile()).replace(4, "{not json").write();

        assertThatThrownBy(() -> log.read(Optional.empty()))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("audit.jsonl line 4");
    }

    @Test
    void concurrentAppendsFromSeveralThreadsKeepTheChainValid() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    AuditLog own = new AuditLog(auditDir);
                    for (int i = 0; i < each; i++) {
                        own.append("test.append", Optional.of(WEATHER), Map.of("thread", thread, "i", i), Instant.now());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        AuditVerification result = log.verify();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(log.read(Optional.empty())).extracting(AuditEntry::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * each).boxed().toList());
    }

    @Test
    void concurrentAppendsFromAnotherProcessKeepTheChainValid() throws Exception {
        Process other = SecondJvm.start(AuditAppender.class, auditDir.toString(), "100");
        try {
            for (int i = 0; i < 100; i++) {
                log.append("test.append", Optional.of(WEATHER), Map.of("i", i), Instant.now());
            }
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(other.exitValue()).as(new String(other.getInputStream().readAllBytes())).isZero();
        } finally {
            other.destroyForcibly();
        }

        AuditVerification result = log.verify();

        assertThat(result.ok()).as(result.message()).isTrue();
        assertThat(result.entries()).isEqualTo(200);
        assertThat(log.read(Optional.of(PluginId.parse("other/process")))).hasSize(100);
    }

    private interface Appends {
        void run() throws Exception;
    }

    /** What a crash between writing lines and writing head.json leaves: the lines {@code appends} writes, unvouched. */
    private void appendBehindTheHead(Appends appends) throws Exception {
        Path head = auditDir.resolve("head.json");
        byte[] before = Files.readAllBytes(head);
        appends.run();
        Files.write(head, before);
    }

    /** Appends ten entries, lets {@code tamper} change the log file as an editor would, and verifies what is left. */
    private AuditVerification verifyAfter(UnaryOperator<LogLines> tamper) throws Exception {
        appendTen();
        tamper.apply(LogLines.of(logFile())).write();
        return log.verify();
    }

    static IntStream lineNumbers() {
        return IntStream.rangeClosed(1, 10);
    }

    static IntStream swappableLines() {
        return IntStream.rangeClosed(1, 9);
    }

    static IntStream keptLines() {
        return IntStream.rangeClosed(0, 9);
    }

    /** The line an editor who knows the hash rule would write: the node with its hash recomputed. */
    private static String rehashed(ObjectNode node) {
        node.remove("hash");
        node.put("hash", Digests.sha256Hex(StateJson.canonical(node)));
        return StateJson.canonical(node);
    }

    private void appendTen() throws StateException {
        for (int i = 0; i < 10; i++) {
            log.append(i % 2 == 0 ? "install" : "capability.denied", i % 3 == 0 ? Optional.empty() : Optional.of(WEATHER),
                    Map.of("i", i), T0.plusSeconds(i));
        }
    }

    private Path logFile() {
        return auditDir.resolve("audit.jsonl");
    }
}
