package dev.warden.registry.tuf;

import static dev.warden.registry.tuf.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static Object parse(String json) throws TufException {
        return StrictJson.parse(json.getBytes(StandardCharsets.UTF_8), "x.json");
    }

    @Test
    void readsPlainTreesWithWholeNumbers() throws Exception {
        Object tree = parse("{\"a\": [1, \"two\", true, null, {}], \"big\": 123456789012345678901234567890}");

        assertThat(tree).isEqualTo(Map.of("a", Arrays.asList(1L, "two", true, null, Map.of()),
                "big", new BigInteger("123456789012345678901234567890")));
    }

    @Test
    void refusesDuplicateKeys() {
        TufException e = refused(TufException.Kind.MALFORMED, () -> parse("{\"a\": 1, \"a\": 2}"));

        assertThat(e.getMessage()).contains("x.json has the key \"a\" twice");
    }

    @Test
    void refusesADuplicateKeyWhoseFirstValueIsNull() {
        refused(TufException.Kind.MALFORMED, () -> parse("{\"a\": null, \"a\": null}"));
    }

    @Test
    void refusesFractionsAndExponents() {
        refused(TufException.Kind.MALFORMED, () -> parse("{\"version\": 1.0}"));
        refused(TufException.Kind.MALFORMED, () -> parse("{\"version\": 1e3}"));
    }

    @Test
    void refusesTrailingData() {
        refused(TufException.Kind.MALFORMED, () -> parse("{} {}"));
        refused(TufException.Kind.MALFORMED, () -> parse("{} x"));
    }

    @Test
    void refusesEmptyInputAndBrokenJson() {
        refused(TufException.Kind.MALFORMED, () -> parse(""));
        refused(TufException.Kind.MALFORMED, () -> parse("{\"a\": "));
        refused(TufException.Kind.MALFORMED, () -> parse("{'a': 1}"));
    }

    @Test
    void prettyOutputReadsBackAsTheSameTree() throws Exception {
        Object tree = parse("{\"s\": \"quote \\\" back \\\\ tab \\t é\", \"l\": [1, [], {}], \"n\": null}");

        assertThat(StrictJson.parse(StrictJson.pretty(tree), "y.json")).isEqualTo(tree);
    }
}
