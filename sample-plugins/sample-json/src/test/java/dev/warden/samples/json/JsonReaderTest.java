package dev.warden.samples.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.samples.json.JsonReader.MalformedJsonException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void readsEveryKindOfValueInDocumentOrder() throws Exception {
        Map<String, Object> object = JsonReader.readObject(
                " {\"s\": \"x\", \"n\": -12.5e1, \"i\": 0, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, [], {}], \"o\": {\"k\": \"v\"}} ");

        assertThat(object.keySet()).containsExactly("s", "n", "i", "t", "f", "z", "a", "o");
        assertThat(object.get("s")).isEqualTo("x");
        assertThat(object.get("n")).isEqualTo(new BigDecimal("-12.5e1"));
        assertThat(object.get("i")).isEqualTo(BigDecimal.ZERO);
        assertThat(object.get("t")).isEqualTo(true);
        assertThat(object.get("f")).isEqualTo(false);
        assertThat(object).containsEntry("z", null);
        assertThat(object.get("a")).isEqualTo(List.of(BigDecimal.ONE, List.of(), Map.of()));
        assertThat(object.get("o")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void decodesEveryEscapeIncludingSurrogatePairs() throws Exception {
        Object value = JsonReader.read("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"");

        assertThat(value).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00");
    }

    @Test
    void keepsCharactersOutsideAsciiAsTheyAre() throws Exception {
        assertThat(JsonReader.read("\"caf\u00e9 \u4e2d\u6587\"")).isEqualTo("caf\u00e9 \u4e2d\u6587");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1, 2,]", "{'a': 1}", "{a: 1}", "01", "-", "1.", ".5", "1e",
        "+1", "tru", "nul", "\"open", "\"bad \\x escape\"", "\"\\u12\"", "{} {}", "[1] x", "// comment\n{}", "NaN"})
    void refusesTextThatIsNotExactlyOneJsonValue(String text) {
        assertThatThrownBy(() -> JsonReader.read(text)).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void refusesARawControlCharacterInAString() {
        assertThatThrownBy(() -> JsonReader.read("\"a\nb\""))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("at character 3: a control character (U+000A) must be escaped inside a string");
    }

    @Test
    void refusesADuplicateKeyNamingIt() {
        assertThatThrownBy(() -> JsonReader.read("{\"id\": 1, \"id\": 2}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageContaining("\"id\" appears twice");
    }

    @Test
    void saysWhereTheTextWentWrong() {
        assertThatThrownBy(() -> JsonReader.read("{\"a\": 1 \"b\": 2}"))
                .hasMessage("at character 9: expected ',' or '}' in an object, found '\"'");
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfOverflowing() throws Exception {
        String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
        String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);

        assertThatThrownBy(() -> JsonReader.read(deep)).hasMessageContaining("nest more than");
        assertThat(JsonReader.read(deepest)).isInstanceOf(List.class);
        assertThatThrownBy(() -> JsonReader.read("[".repeat(100_000))).isInstanceOf(MalformedJsonException.class);
    }

    @Test
    void readObjectRefusesAnyOtherTopLevelValue() {
        assertThatThrownBy(() -> JsonReader.readObject("[1]")).hasMessage("expected a JSON object, not an array");
        assertThatThrownBy(() -> JsonReader.readObject("\"{}\"")).hasMessage("expected a JSON object, not a string");
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "line\nbreak, \"quote\", back\\slash, tab\t, nul\u0000, del\u007f, sep\u2028, caf\u00e9 \ud83d\ude00");
        value.put("n", new BigDecimal("12.50"));
        value.put("id", 7L);
        value.put("none", null);
        value.put("list", Arrays.asList("a", true, null, List.of()));

        String json = JsonWriter.write(value);

        assertThat(JsonReader.read(json)).isEqualTo(withNumbersAsRead(value));
        assertThat(json).doesNotContain("\n").doesNotContain("\u2028");
    }

    private static Map<String, Object> withNumbersAsRead(Map<String, Object> value) {
        Map<String, Object> expected = new LinkedHashMap<>(value);
        expected.put("id", BigDecimal.valueOf(7));
        return expected;
    }
}
