package dev.warden.catalog.manifest;

import static dev.warden.catalog.testing.ManifestJson.str;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.warden.catalog.testing.ManifestJson;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@code plugin.json} parsing, standard and strict: every input gives a manifest or a
 * {@link ManifestException}. Seeds are the {@link ManifestJson} builder's manifests.
 */
class ManifestFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyManifestIsParsedOrRefusedWithAManifestException(byte[] input) {
        for (ManifestParser parser : new ManifestParser[] {ManifestParser.standard(), ManifestParser.strict()}) {
            try {
                parser.read(input);
            } catch (ManifestException refused) {
                // documented refusal
            }
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                        ManifestJson.minimal(),
                        ManifestJson.valid(),
                        ManifestJson.valid().permission("fs.read", "${workspace}/**", "read notes")
                                .permission("process.exec", "git", "status").permission("env.read", "HOME", "home")
                                .permission("net.connect", "localhost:8080", "dev server"),
                        ManifestJson.valid().with("engines", "{\"warden\": \">=0.1.0\"}").with("unknown", "[1, 2.5e3, null]"),
                        ManifestJson.valid().with("description", str("caf\u00e9 \\u0000 \\ud83d\\ude00")))
                .map(json -> Arguments.of((Object) json.bytes()));
    }
}
