package dev.warden.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.testing.States;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CorruptStateTest {

    @TempDir
    Path home;

    /** A defect made by editing one state file of {@link States#several()}. */
    record Defect(String name, String file, UnaryOperator<String> edit, List<String> messageParts) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Defect> defects() {
        return Stream.of(
                new Defect("catalog-not-json", "catalog.json", text -> text.substring(0, text.length() / 2),
                        List.of("catalog.json is not valid JSON", "line")),
                new Defect("catalog-empty", "catalog.json", text -> "", List.of("catalog.json is empty")),
                new Defect("catalog-with-trailing-data", "catalog.json", text -> text + "{}", List.of("catalog.json is not valid JSON")),
                new Defect("catalog-with-duplicate-key", "catalog.json",
                        text -> nth(text, "\"status\" : \"enabled\",", 1, "\"status\" : \"enabled\", \"status\" : \"disabled\","),
                        List.of("catalog.json", "$.plugins['acme/weather'].status", "Duplicate")),
                new Defect("catalog-with-unknown-status", "catalog.json",
                        text -> nth(text, "\"status\" : \"enabled\"", 1, "\"status\" : \"on\""),
                        List.of("catalog.json", "$.plugins['acme/weather'].status", "unknown status \"on\"")),
                new Defect("catalog-with-bad-version", "catalog.json",
                        text -> nth(text, "\"version\" : \"1.2.0\"", 1, "\"version\" : \"1.2\""),
                        List.of("catalog.json", "$.plugins['acme/weather'].version", "MAJOR.MINOR.PATCH")),
                new Defect("catalog-with-bad-plugin-id", "catalog.json",
                        text -> nth(text, "\"acme/weather\" :", 1, "\"Acme/Weather\" :"),
                        List.of("catalog.json", "$.plugins['Acme/Weather']", "not a plugin id")),
                new Defect("catalog-with-unknown-field", "catalog.json",
                        text -> nth(text, "\"format\" : 1,", 1, "\"format\" : 1, \"extra\" : true,"),
                        List.of("catalog.json", "$.extra", "unknown field")),
                new Defect("catalog-with-bad-time", "catalog.json",
                        text -> nth(text, "\"installedAt\" : \"2025-05-01T10:00:00Z\"", 2, "\"installedAt\" : \"yesterday\""),
                        List.of("catalog.json", "$.plugins['acme/weather'].installedAt", "ISO-8601")),
                new Defect("catalog-with-null-key-id", "catalog.json",
                        text -> nth(text, "\"publisherKeyId\" : \"acme-key-1\"", 1, "\"publisherKeyId\" : null"),
                        List.of("catalog.json", "$.plugins['acme/git-helper'].publisherKeyId", "must be a string")),
                new Defect("catalog-with-bad-digest", "catalog.json",
                        text -> nth(text, "\"manifestSha256\" : \"[0-9a-f]{64}\"", 2, "\"manifestSha256\" : \"" + "AB".repeat(32) + "\""),
                        List.of("catalog.json", "$.plugins['acme/weather']", "64 lowercase hex")),
                new Defect("catalog-from-a-newer-warden", "catalog.json",
                        text -> nth(text, "\"format\" : 1", 1, "\"format\" : 2"),
                        List.of("catalog.json", "$.format", "newer Warden")),
                new Defect("catalog-from-another-commit", "catalog.json",
                        text -> nth(text, "\"commit\" : \"[0-9a-f]{64}\"", 1, "\"commit\" : \"" + "1".repeat(64) + "\""),
                        List.of("catalog.json", "grants.json", "different commits")),
                new Defect("grants-with-unknown-kind", "grants.json",
                        text -> nth(text, "\"kind\" : \"fs.read\"", 1, "\"kind\" : \"fs.readall\""),
                        List.of("grants.json", "$.grants['acme/weather'].granted[0].kind", "unknown permission kind \"fs.readall\"")),
                new Defect("grants-with-malformed-scope", "grants.json",
                        text -> nth(text, "\"\\$\\{workspace\\}/reports\"", 1, "\"\\${workspace}/../etc\""),
                        List.of("grants.json", "$.grants['acme/weather'].granted[0]")),
                new Defect("grants-for-a-plugin-not-installed", "grants.json",
                        text -> nth(text, "\"acme/git-helper\" :", 1, "\"acme/unknown\" :"),
                        List.of("grants.json", "$.grants['acme/unknown']", "not installed")),
                new Defect("grants-active-but-not-granted", "grants.json",
                        text -> nth(text, "\"https://api.example.com\"", 2, "\"https://api.other.example\""),
                        List.of("grants.json", "$.grants['acme/weather'].active[1]", "not in \"granted\"")),
                new Defect("grants-with-a-repeated-permission", "grants.json",
                        text -> nth(nth(text, "\"kind\" : \"fs.write\"", 1, "\"kind\" : \"fs.read\""),
                                "\"\\$\\{workspace\\}/out\"", 1, "\"\\${workspace}/reports\""),
                        List.of("grants.json", "$.grants['acme/weather'].granted[2]", "repeats fs.read")),
                new Defect("grants-with-null-optional", "grants.json",
                        text -> nth(text, "\"optional\" : false", 1, "\"optional\" : null"),
                        List.of("grants.json", "$.grants['acme/weather'].granted[0].optional", "true or false")),
                new Defect("grants-missing", "grants.json", text -> null,
                        List.of("grants.json is missing", "catalog.json exists")),
                new Defect("journal-corrupt", StateStore.JOURNAL, text -> "{\"format\" : 1, \"plugins\"",
                        List.of(StateStore.JOURNAL, "not valid JSON", "delete it to drop that change")));
    }

    @BeforeEach
    void commitAState() throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock lock = store.lock(Duration.ZERO, "install")) {
            store.commit(lock, States.several());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void aCorruptStateFileIsReportedWithItsNameAndNothingIsRewritten(Defect defect) throws Exception {
        Path file = home.resolve(defect.file());
        String original = Files.exists(file) ? Files.readString(file) : "";
        String edited = defect.edit().apply(original);
        if (edited == null) {
            Files.delete(file);
        } else {
            assertThat(edited).as("the defect changes the file").isNotEqualTo(original);
            Files.writeString(file, edited);
        }
        byte[] catalog = readOrEmpty(home.resolve("catalog.json"));
        byte[] grants = readOrEmpty(home.resolve("grants.json"));
        StateStore store = new StateStore(home);

        assertThatThrownBy(store::read).isInstanceOf(StateException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(defect.messageParts()));
        assertThatThrownBy(() -> store.lock(Duration.ZERO, "next command")).isInstanceOf(StateException.class)
                .isNotInstanceOf(LockBusyException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(defect.messageParts()));

        assertThat(readOrEmpty(home.resolve("catalog.json"))).isEqualTo(catalog);
        assertThat(readOrEmpty(home.resolve("grants.json"))).isEqualTo(grants);
    }

    /** @return the text with the {@code n}-th (1-based) match of {@code regex} replaced */
    private static String nth(String text, String regex, int n, String replacement) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        for (int i = 0; i < n; i++) {
            if (!matcher.find()) {
                throw new IllegalArgumentException("fixture has fewer than " + n + " matches of " + regex + ":\n" + text);
            }
        }
        return text.substring(0, matcher.start()) + replacement.replace("\\$", "$") + text.substring(matcher.end());
    }

    private static byte[] readOrEmpty(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    }
}
