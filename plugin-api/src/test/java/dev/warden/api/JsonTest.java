package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void readsEachKindOfValueWithItsAccessor() {
        Json input = Json.parse("{\"city\": \"Topeka\", \"days\": 3, \"lat\": 39.7456, \"metric\": true,"
                + " \"tags\": [\"a\", \"b\"], \"note\": null}");

        assertThat(input.get("city").orElseThrow().asString()).isEqualTo("Topeka");
        assertThat(input.get("days").orElseThrow().asLong()).isEqualTo(3);
        assertThat(input.get("lat").orElseThrow().asDouble()).isEqualTo(39.7456);
        assertThat(input.get("metric").orElseThrow().asBoolean()).isTrue();
        assertThat(input.get("tags").orElseThrow().items()).extracting(Json::asString).containsExactly("a", "b");
        assertThat(input.get("note").orElseThrow().isNull()).isTrue();
        assertThat(input.get("absent")).isEmpty();
        assertThat(input.isNull()).isFalse();
    }

    @Test
    void keepsMembersInDocumentOrderAndNumbersAsWritten() {
        Json object = Json.parse("{\"z\": 1.50, \"a\": -0, \"m\": 1e3}");

        assertThat(((Json.Object) object).members().keySet()).containsExactly("z", "a", "m");
        assertThat(object.get("z")).contains(new Json.Number(new BigDecimal("1.50")));
        assertThat(object.text()).isEqualTo("{\"z\":1.50,\"a\":0,\"m\":1E+3}");
    }

    @Test
    void unescapesStringsAndEscapesThemBackOnOneLine() {
        Json text = Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \u2028\"");

        assertThat(text.asString()).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00 \u2028");
        assertThat(text.text()).isEqualTo("\"q\\\" b\\\\ s/ \\u0008\\u000c\\n\\r\\t \u00e9 \ud83d\ude00 \\u2028\"");
        assertThat(Json.parse(text.text())).isEqualTo(text);
    }

    @Test
    void aWrongTypeSaysWhatWasExpectedAndWhatWasFound() {
        Json input = Json.parse("{\"days\": \"3\", \"lat\": 1.5, \"big\": 1e30}");

        assertThatThrownBy(() -> input.get("days").orElseThrow().asLong())
                .isInstanceOf(IllegalStateException.class).hasMessage("expected a whole number, found a string");
        assertThatThrownBy(() -> input.get("lat").orElseThrow().asLong())
                .hasMessage("expected a whole number in the range of long, found 1.5");
        assertThatThrownBy(() -> input.get("big").orElseThrow().asLong())
                .hasMessage("expected a whole number in the range of long, found 1E+30");
        assertThatThrownBy(() -> input.get("lat").orElseThrow().asString()).hasMessage("expected a string, found the number 1.5");
        assertThatThrownBy(() -> input.items()).hasMessage("expected an array, found an object");
        assertThatThrownBy(() -> Json.NULL.get("x")).hasMessage("expected an object, found null");
        assertThatThrownBy(() -> new Json.Bool(true).asDouble()).hasMessage("expected a number, found a boolean");
        assertThatThrownBy(() -> new Json.Array(List.of()).asBoolean()).hasMessage("expected a boolean, found an array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "1e", ".5", "+1", "tru",
            "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "\"open", "{\"a\" 1}", "{1:2}", "[1 2]", "1 2", "// c\n1", "NaN", "1e99999999999"})
    void refusesTextThatIsNotExactlyOneJsonValue(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("at character ");
    }

    @Test
    void refusesADuplicateKeyAndSaysWhere() {
        assertThatThrownBy(() -> Json.parse("{\"id\": 1, \"id\": 2}"))
                .hasMessage("at character 11: the field \"id\" appears twice");
    }

    @Test
    void refusesNestingDeeperThanToolInputMayBe() {
        String deepest = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        String deeper = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

        assertThat(Json.parse(deepest).items()).hasSize(1);
        assertThatThrownBy(() -> Json.parse(deeper)).hasMessageContaining("nest more than 64 deep");
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANumberWhoseExponentWouldStallWhoeverReadsIt() {
        assertThatThrownBy(() -> Json.parse("[1e-999999999]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the number is out of range");
        assertThatThrownBy(() -> Json.parse("1e999999999")).hasMessageContaining("the number is out of range");
        assertThatThrownBy(() -> new Json.Number(new java.math.BigDecimal("1e-10001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.parse("[1e-10000, 1e10000, 0.5]").items()).hasSize(3);
    }

    @Test
    void valuesAreImmutableCopies() {
        Map<String, Json> members = new LinkedHashMap<>();
        members.put("a", Json.NULL);
        Json.Object object = new Json.Object(members);
        members.put("b", Json.NULL);

        assertThat(object.members()).containsOnlyKeys("a");
        assertThatThrownBy(() -> object.members().put("c", Json.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Json.Null()).isEqualTo(Json.NULL);
        assertThat(object.get("a")).isEqualTo(Optional.of(Json.NULL));
    }

    @Property(tries = 300)
    void whatItWritesItReadsBackEqual(@ForAll("values") Json value) {
        assertThat(Json.parse(value.text())).isEqualTo(value);
    }

    @Provide
    Arbitrary<Json> values() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.strings().ofMaxLength(12).map(Json.String::new),
                () -> Arbitraries.bigDecimals().ofScale(3).map(Json.Number::new),
                () -> Arbitraries.longs().map(n -> new Json.Number(BigDecimal.valueOf(n))),
                () -> Arbitraries.of(true, false).map(Json.Bool::new),
                () -> Arbitraries.just(Json.NULL),
                () -> values().list().ofMaxSize(3).map(Json.Array::new),
                () -> Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), values()).ofMaxSize(3).map(Json.Object::new));
    }
}
