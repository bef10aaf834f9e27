package dev.warden.registry.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.registry.testing.SimulatedRepository;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes TUF metadata as a client receives it: every input read as a trust anchor, as each top-level
 * role and as (delegated) targets metadata gives metadata or a {@link TufException}; a root that parses
 * is checked against its own keys. Seeds are a {@link SimulatedRepository}'s signed files.
 */
class MetadataFuzzTest {

    private static final String FILE = "fuzzed.json";

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyMetadataFileIsReadOrRefusedWithATufException(byte[] input) {
        try {
            TrustedMetadata.bootstrap(input);
        } catch (TufException refused) {
            // documented refusal
        }
        try {
            Envelope envelope = Envelope.parse(input, FILE);
            try {
                RootMetadata root = RootMetadata.parse(envelope);
                root.verifies(envelope, "root");
            } catch (TufException refused) {
                // documented refusal
            }
            try {
                TimestampMetadata.parse(envelope);
            } catch (TufException refused) {
                // documented refusal
            }
            try {
                SnapshotMetadata.parse(envelope);
            } catch (TufException refused) {
                // documented refusal
            }
        } catch (TufException refused) {
            // documented refusal
        }
        try {
            TargetsMetadata.parse(input, FILE);
        } catch (TufException refused) {
            // documented refusal
        }
    }

    /** Found by this target: a root listing 32 bytes that are no curve point threw BouncyCastle's IllegalArgumentException. */
    @Test
    void aRootWhoseKeyIsNoPointOfTheCurveIsRefusedAsUnsigned() {
        SimulatedRepository repo = SimulatedRepository.create();
        String publicHex = HexFormat.of().formatHex(repo.keys("root").get(0).publicKey().raw());
        String notAPoint = "02" + "00".repeat(31);
        byte[] root = new String(repo.initialRoot(), StandardCharsets.UTF_8).replace(publicHex, notAPoint)
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TrustedMetadata.bootstrap(root)).isInstanceOfSatisfying(TufException.class,
                e -> assertThat(e.kind()).isEqualTo(TufException.Kind.SIGNATURE));
    }

    static Stream<Arguments> seeds() {
        SimulatedRepository repo = SimulatedRepository.create();
        repo.addTarget("acme/notes/acme-notes-1.0.0.wpk", "notes".getBytes(StandardCharsets.UTF_8),
                Map.of("note", "custom metadata"));
        repo.delegate("targets", "team", false, "acme/*").targets.put("acme/x.wpk",
                Map.of("length", 1L, "hashes", Map.of("sha256", "00".repeat(32))));
        repo.delegateByHashPrefix("targets", "bins", "00", "ff");
        repo.publish();
        return Stream.of(repo.publishRoot(), repo.publishTargets(), repo.publishSnapshot(), repo.publishTimestamp(),
                        repo.publishDelegated("team"))
                .map(bytes -> Arguments.of((Object) bytes));
    }
}
