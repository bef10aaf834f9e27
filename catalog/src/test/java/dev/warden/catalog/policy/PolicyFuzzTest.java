package dev.warden.catalog.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes policy files, as the system and as the user file beside a full policy of the other kind (so
 * the merge runs too): every input gives a policy or a {@link PolicyException}.
 */
class PolicyFuzzTest {

    private static final String FULL = """
            {"publishers": {"allow": ["acme"], "block": ["evil"]},
             "marketplaces": {"allow": ["official"], "block": ["shady"], "reserved": {"official": "https://plugins.example.com/"}},
             "permissions": {"block": [{"kind": "fs.read", "scope": "/etc/**"}, {"kind": "net.egress"}]},
             "hosts": {"block": ["evil.net"]},
             "minimumVersions": {"acme/weather": "1.2.0"},
             "killList": ["acme/bad", "acme/old@1.0.0"],
             "allowUnverified": true, "allowHiddenCharacters": false, "requiresProcessIsolation": true}
            """;

    private static final Path WORK = workFolder();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyPolicyFileIsLoadedOrRefusedWithAPolicyException(byte[] input) throws IOException {
        Path fuzzed = WORK.resolve("fuzzed.json");
        Path full = WORK.resolve("full.json");
        Files.write(fuzzed, input);
        Files.writeString(full, FULL, StandardCharsets.UTF_8);
        try {
            PolicyLoader.load(fuzzed, full);
        } catch (PolicyException refused) {
            // documented refusal
        }
        try {
            PolicyLoader.load(full, fuzzed);
        } catch (PolicyException refused) {
            // documented refusal
        }
    }

    /** Found by this target: Jackson reads the encoding from the first bytes and threw on these. */
    @Test
    void aFileInAnEncodingJsonDoesNotHaveIsMalformed() throws IOException {
        Path file = WORK.resolve("ucs4-unusual-order.json");
        Files.write(file, new byte[] {0, 0, 0x10, 0, 0, 0, 0, 0, '{', '}'});

        assertThatThrownBy(() -> PolicyLoader.load(file, WORK.resolve("absent.json")))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.jsonPath()).isEqualTo("$");
                    assertThat(e.getMessage()).contains("malformed JSON");
                });
    }

    static Stream<Arguments> seeds() {
        return Stream.of(FULL, "{}", "{\"killList\": [\"acme/bad@2.0.0-rc.1+build\"]}",
                        "{\"permissions\": {\"block\": [{\"kind\": \"net.egress\", \"scope\": \"https://*.evil.net\"}]}}",
                        "{\"marketplaces\": {\"reserved\": {\"official\": \"https://plugins.example.com/\"}}, \"allowUnverified\": false}")
                .map(text -> Arguments.of((Object) text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Path workFolder() {
        try {
            Path work = Files.createTempDirectory("policy-fuzz");
            work.toFile().deleteOnExit();
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
