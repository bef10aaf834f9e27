package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The one strict JSON reader: depth, numbers, duplicates, trailing data, stop-at-first and collect-all. */
class StrictJsonTest {

    private static final StrictJson DEFAULTS = StrictJson.builder().build();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonProblem firstProblem(StrictJson reader, String json) {
        try {
            reader.read(json);
        } catch (StrictJsonException e) {
            return e.problem();
        }
        throw new AssertionError("read " + json + " without a problem");
    }

    @Test
    void readsOneValueIntoATree() throws StrictJsonException {
        JsonNode root = DEFAULTS.read("{\"a\": [1, \"two\", true, null], \"b\": {}}");
        assertThat(root.get("a").get(1).stringValue()).isEqualTo("two");
        assertThat(root.get("a").get(3).isNull()).isTrue();
        assertThat(root.get("b").isObject()).isTrue();
    }

    @Test
    void refusesADuplicateKeyWithItsPath() {
        JsonProblem problem = firstProblem(DEFAULTS, "{\"a\": {\"b\": 1, \"b\": 2}}");
        assertThat(problem.kind()).isEqualTo(JsonProblem.Kind.DUPLICATE_KEY);
        assertThat(problem.path()).isEqualTo("$.a.b");
        assertThat(problem.detail()).isEqualTo("b");
        assertThat(problem.message()).isEqualTo("duplicate key \"b\"; a key may appear only once in an object");
    }

    @Test
    void refusesNestingDeeperThanTheLimitAtThePathWhereItStarts() {
        StrictJson reader = StrictJson.builder().maxDepth(2).build();
        assertThat(firstProblem(reader, "{\"a\": {\"b\": {}}}"))
                .extracting(JsonProblem::kind, JsonProblem::path, JsonProblem::message)
                .containsExactly(JsonProblem.Kind.TOO_DEEP, "$.a.b", "nested deeper than 2 levels");
    }

    @Test
    void readsNestingUpToTheLimit() throws StrictJsonException {
        StrictJson reader = StrictJson.builder().maxDepth(3).build();
        assertThat(reader.read("[[[]]]").get(0).get(0).isArray()).isTrue();
    }

    @Test
    void refusesDataAfterTheValueEvenWhenItIsNotJson() {
        assertThat(firstProblem(DEFAULTS, "{} {}").kind()).isEqualTo(JsonProblem.Kind.TRAILING);
        assertThat(firstProblem(DEFAULTS, "{} garbage").kind()).isEqualTo(JsonProblem.Kind.TRAILING);
    }

    @Test
    void refusesAnEmptyDocument() {
        assertThat(firstProblem(DEFAULTS, "  ").kind()).isEqualTo(JsonProblem.Kind.EMPTY);
    }

    @Test
    void reportsMalformedJsonWithItsLineColumnAndPath() {
        JsonProblem problem = firstProblem(DEFAULTS, "{\"a\": [1,\n 2, }");
        assertThat(problem.kind()).isEqualTo(JsonProblem.Kind.MALFORMED);
        assertThat(problem.path()).isEqualTo("$.a[2]");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.where()).isEqualTo(" at line 2, column " + problem.column());
        assertThat(problem.message()).startsWith("malformed JSON at line 2, column ");
        assertThat(problem.detail()).isNotEmpty();
    }

    @Test
    void refusesBytesInNoEncodingJacksonReads() {
        assertThat(DEFAULTS.readAll(new byte[] {0, 0, 16, 0}).problems())
                .extracting(JsonProblem::kind).containsExactly(JsonProblem.Kind.MALFORMED);
    }

    @Test
    void refusesStringsAndNumbersLongerThanTheLimits() {
        StrictJson reader = StrictJson.builder().maxStringLength(4).maxNumberLength(3).build();
        assertThat(firstProblem(reader, "[\"12345\"]").kind()).isEqualTo(JsonProblem.Kind.MALFORMED);
        assertThat(firstProblem(reader, "[12345]").kind()).isEqualTo(JsonProblem.Kind.MALFORMED);
    }

    @Test
    void readsNumbersExactlyWhenAsked() throws StrictJsonException {
        JsonNode root = StrictJson.builder().numbers(StrictJson.Numbers.EXACT).build().read("[1, 12345678901, 123456789012345678901234567890, 0.1]");
        assertThat(root.get(0).isInt()).isTrue();
        assertThat(root.get(1).isLong()).isTrue();
        assertThat(root.get(2).bigIntegerValue()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(root.get(3).decimalValue()).isEqualTo(new BigDecimal("0.1"));
    }

    @Test
    void readsEveryNumberAsADecimalWhenAsked() throws StrictJsonException {
        JsonNode root = StrictJson.builder().numbers(StrictJson.Numbers.DECIMAL).build().read("[1, 2.50]");
        assertThat(root.get(0).isBigDecimal()).isTrue();
        assertThat(root.get(1).decimalValue()).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void readsFractionsAsDoublesByDefault() throws StrictJsonException {
        JsonNode root = StrictJson.standard().read("[1, 0.5]");
        assertThat(root.get(0).isInt()).isTrue();
        assertThat(root.get(1).isDouble()).isTrue();
    }

    @Test
    void refusesFractionsAndExponentsWhereWholeNumbersAreRead() {
        StrictJson reader = StrictJson.builder().numbers(StrictJson.Numbers.WHOLE).build();
        JsonProblem problem = firstProblem(reader, "{\"n\": 1e3}");
        assertThat(problem.kind()).isEqualTo(JsonProblem.Kind.FRACTION);
        assertThat(problem.path()).isEqualTo("$.n");
        assertThat(problem.detail()).isEqualTo("1e3");
    }

    @Test
    void refusesUnsafeCharactersInKeysAndValuesOnlyWhenAsked() throws StrictJsonException {
        String json = "{\"a\\u202Eb\": \"x\\u200By\"}";
        assertThat(DEFAULTS.read(json).size()).isEqualTo(1);
        StrictJson reader = StrictJson.builder().refuseUnsafeText().build();
        assertThat(reader.readAll(utf8(json)).problems())
                .extracting(JsonProblem::kind, JsonProblem::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.UNSAFE_TEXT, "$['a\\u202Eb']"),
                        org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.UNSAFE_TEXT, "$['a\\u202Eb']"));
        assertThat(firstProblem(reader, json).message()).startsWith("the key contains ");
    }

    @Test
    void collectsEveryProblemAndKeepsTheTree() {
        StrictJson reader = StrictJson.builder().maxDepth(3).build();
        StrictJson.Result result = reader.readAll(utf8(
                "{\"a\": 1, \"a\": 2, \"deep\": [[[1]]], \"list\": [{\"k\": 1, \"k\": 2}]} trailing"));
        assertThat(result.problems()).extracting(JsonProblem::kind, JsonProblem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.DUPLICATE_KEY, "$.a"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.TOO_DEEP, "$.deep[0][0]"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.DUPLICATE_KEY, "$.list[0].k"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.TRAILING, "$"));
        JsonNode root = result.root().orElseThrow();
        assertThat(root.get("a").intValue()).as("the first value of a duplicate is kept").isEqualTo(1);
        assertThat(root.get("deep").get(0).get(0).isNull()).as("a too-deep value is read as null").isTrue();
    }

    @Test
    void stopsAtTheFirstProblem() {
        assertThatThrownBy(() -> DEFAULTS.read("{\"a\": 1, \"a\": 2, \"b\": 1, \"b\": 2}"))
                .isInstanceOf(StrictJsonException.class)
                .hasMessage("$.a: duplicate key \"a\"; a key may appear only once in an object");
    }

    @Test
    void aCollectingReadOfMalformedJsonHasNoTreeButKeepsWhatItFoundBefore() {
        StrictJson.Result result = DEFAULTS.readAll(utf8("{\"a\": 1, \"a\": 2, \"b\": tru"));
        assertThat(result.root()).isEmpty();
        assertThat(result.problems()).extracting(JsonProblem::kind)
                .containsExactly(JsonProblem.Kind.DUPLICATE_KEY, JsonProblem.Kind.MALFORMED);
    }

    @Test
    void notesWhereASpannedValueLiesAndStreamsTheMembersOfOneObject() throws Exception {
        byte[] json = utf8("{\"signed\": {\"v\": 1, \"targets\": {\"a\": 1, \"b\": [2]}}, \"sigs\": []}");
        java.util.Map<String, JsonNode> streamed = new java.util.LinkedHashMap<>();
        StrictJson.Spanned read = DEFAULTS.read(json, "$.signed", "$.signed.targets", streamed::put);
        assertThat(new String(read.span().orElseThrow().of(json).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"v\": 1, \"targets\": {\"a\": 1, \"b\": [2]}}");
        assertThat(streamed).containsOnlyKeys("a", "b");
        assertThat(read.root().get("signed").get("targets").isEmpty()).as("streamed members are not kept").isTrue();
    }

    @Test
    void whatTheTakerOfStreamedMembersThrowsStopsTheRead() {
        java.io.IOException stop = new java.io.IOException("enough");
        assertThatThrownBy(() -> DEFAULTS.read(utf8("{\"t\": {\"a\": 1}}"), "$.t", "$.t",
                (name, value) -> {
                    throw stop;
                })).isSameAs(stop);
    }

    @Test
    void streamedMembersFollowTheSameRules() {
        assertThatThrownBy(() -> DEFAULTS.read(utf8("{\"t\": {\"a\": 1, \"a\": 2}}"), "$.t", "$.t", (n, v) -> { }))
                .isInstanceOf(StrictJsonException.class).hasMessageStartingWith("$.t.a: duplicate key");
    }

    @Test
    void problemsFarFromTheSpannedValueAreNamedByTheirWholePath() {
        StrictJson reader = StrictJson.builder().maxDepth(6).numbers(StrictJson.Numbers.WHOLE).refuseUnsafeText().build();
        String json = "{\"signed\": {\"targets\": {\"a/b c\": {\"x\": [1, {\"y\": 1, \"y\": 2}]},"
                + " \"o'k\": [[{\"d\": 1.5}]], \"z\": {\"w\": {\"deep\": {\"e\": {}}}}}, \"list\": [0, {\"k\": \"\u202e\"}]}}";
        java.util.List<JsonProblem> problems = new java.util.ArrayList<>();
        for (String streamed : new String[] {null, "$.signed.targets", "plain"}) {
            for (String key : new String[] {"dup", "fraction", "deep", "unsafe"}) {
                String text = switch (key) {
                    case "dup" -> json;
                    case "fraction" -> json.replace("\"y\": 2", "\"v\": 2");
                    case "deep" -> json.replace("\"y\": 2", "\"v\": 2").replace("1.5", "1");
                    default -> json.replace("\"y\": 2", "\"v\": 2").replace("1.5", "1").replace("\"e\": {}", "\"e\": 1");
                };
                try {
                    if ("plain".equals(streamed)) {
                        reader.readStreamed(utf8(text), "$.signed", "$.signed.targets", (n, v) -> v.plain());
                    } else {
                        reader.read(utf8(text), "$.signed", streamed, streamed == null ? null : (n, v) -> { });
                    }
                } catch (StrictJsonException e) {
                    problems.add(e.problem());
                }
            }
        }
        assertThat(problems).extracting(JsonProblem::kind, JsonProblem::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.DUPLICATE_KEY, "$.signed.targets['a/b c'].x[1].y"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.FRACTION, "$.signed.targets['o\\u0027k'][0][0].d"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.TOO_DEEP, "$.signed.targets.z.w.deep.e"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.UNSAFE_TEXT, "$.signed.list[1].k"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.DUPLICATE_KEY, "$.signed.targets['a/b c'].x[1].y"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.FRACTION, "$.signed.targets['o\\u0027k'][0][0].d"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.TOO_DEEP, "$.signed.targets.z.w.deep.e"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.UNSAFE_TEXT, "$.signed.list[1].k"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.DUPLICATE_KEY, "$.signed.targets['a/b c'].x[1].y"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.FRACTION, "$.signed.targets['o\\u0027k'][0][0].d"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.TOO_DEEP, "$.signed.targets.z.w.deep.e"),
                org.assertj.core.groups.Tuple.tuple(JsonProblem.Kind.UNSAFE_TEXT, "$.signed.list[1].k"));
    }

    @Test
    void streamedMembersCanBeHandedOverAsPlainJavaValues() throws Exception {
        StrictJson reader = StrictJson.builder().numbers(StrictJson.Numbers.WHOLE).build();
        java.util.Map<String, Object> streamed = new java.util.LinkedHashMap<>();

        StrictJson.Spanned read = reader.readStreamed(utf8("{\"signed\": {\"v\": 1, \"targets\": {\"a\": {\"s\": \"x\\u00e9\","
                + " \"n\": 1, \"l\": 12345678901234, \"big\": 123456789012345678901234567890,"
                + " \"min\": -9223372036854775808, \"t\": true, \"f\": false, \"z\": null, \"arr\": [1, {}, []]},"
                + " \"b\": []}}}"), "$.signed", "$.signed.targets", (n, v) -> streamed.put(n, v.plain()));

        java.util.Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("s", "x\u00e9");
        a.put("n", 1L);
        a.put("l", 12345678901234L);
        a.put("big", new java.math.BigInteger("123456789012345678901234567890"));
        a.put("min", Long.MIN_VALUE);
        a.put("t", true);
        a.put("f", false);
        a.put("z", null);
        a.put("arr", java.util.List.of(1L, java.util.Map.of(), java.util.List.of()));
        assertThat(streamed).containsOnlyKeys("a", "b");
        assertThat(streamed.get("a")).isEqualTo(a);
        assertThat(new java.util.ArrayList<Object>(((java.util.Map<?, ?>) streamed.get("a")).keySet())).containsExactlyElementsOf(a.keySet());
        assertThat(streamed.get("b")).isEqualTo(java.util.List.of());
        assertThat(read.root().get("signed").get("v").intValue()).isEqualTo(1);
        assertThat(read.root().get("signed").get("targets").isEmpty()).as("streamed members are not kept").isTrue();
        assertThatThrownBy(() -> reader.readStreamed(utf8("{\"t\": {\"a\": 1, \"a\": 2}}"), "$.t", "$.t", (n, v) -> v.plain()))
                .isInstanceOf(StrictJsonException.class).hasMessageStartingWith("$.t.a: duplicate key");
    }

    @Test
    void compactTextIsWhatAJacksonMapperWritesForEveryKindOfValue() throws StrictJsonException {
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        String json = "{\"s\": \"t\\u00e9xt \\\"q\\\" \\n \\u0001 \\u2028 </x>\", \"i\": -12, \"l\": 12345678901234,"
                + " \"big\": 123456789012345678901234567890, \"d\": 1.5e-7, \"d2\": 100.0, \"t\": true, \"f\": false,"
                + " \"n\": null, \"a\": [1, [], {}, \"x\", [null]], \"o\": {\"nested\": {\"deep\": [0.1]}}}";
        for (StrictJson reader : new StrictJson[] {DEFAULTS, StrictJson.builder().numbers(StrictJson.Numbers.DECIMAL).build()}) {
            JsonNode tree = reader.read(json);

            assertThat(StrictJson.compact(tree)).isEqualTo(mapper.writeValueAsString(tree));
            assertThat(reader.read(StrictJson.compact(tree))).isEqualTo(tree);
        }
        assertThat(StrictJson.compact(DEFAULTS.read("\"only\""))).isEqualTo("\"only\"");
    }

    @Test
    void aCursorFindsTheSameProblemsWhateverItsReaderReads() {
        StrictJson reader = StrictJson.builder().maxDepth(6).numbers(StrictJson.Numbers.WHOLE).refuseUnsafeText().build();
        String json = "{\"signed\": {\"targets\": {\"a/b c\": {\"x\": [1, {\"y\": 1, \"y\": 2}]},"
                + " \"o'k\": [[{\"d\": 1.5}]], \"z\": {\"w\": {\"deep\": {\"e\": {}}}}, \"u\": {\"\u202e\": 1}}}}";
        String[] texts = {json, json.replace("\"y\": 2", "\"v\": 2"),
            json.replace("\"y\": 2", "\"v\": 2").replace("1.5", "1"),
            json.replace("\"y\": 2", "\"v\": 2").replace("1.5", "1").replace("\"e\": {}", "\"e\": 1")};
        java.util.List<StrictJson.MemberReader<RuntimeException>> readers = java.util.List.of(
                (name, value) -> { }, (name, value) -> walk(value), (name, value) -> value.plain(),
                (name, value) -> {
                    if (value.kind() == StrictJson.Cursor.Kind.OBJECT) {
                        value.enter();
                        value.nextName(); // the first member only; the cursor reads the rest
                    }
                });
        for (String text : texts) {
            JsonProblem expected = null;
            try {
                reader.readStreamed(utf8(text), "$.signed", "$.signed.targets", (n, v) -> v.plain());
            } catch (StrictJsonException e) {
                expected = e.problem();
            }
            assertThat(expected).as(text).isNotNull();
            for (StrictJson.MemberReader<RuntimeException> members : readers) {
                assertThatThrownBy(() -> reader.readStreamed(utf8(text), "$.signed", "$.signed.targets", members))
                        .isInstanceOf(StrictJsonException.class)
                        .extracting(e -> ((StrictJsonException) e).problem()).isEqualTo(expected);
            }
        }
    }

    /** Reads the value at {@code value} whole through the cursor, strings and numbers included. */
    private static void walk(StrictJson.Cursor value) throws StrictJsonException {
        switch (value.kind()) {
            case OBJECT -> {
                value.enter();
                while (value.nextName() != null) {
                    walk(value);
                }
            }
            case ARRAY -> {
                value.enter();
                while (value.nextElement()) {
                    walk(value);
                }
            }
            default -> value.plain();
        }
    }

    @Test
    void aCursorReadsValuesWhereTheyLieAndWhatItLeavesIsReadPast() throws Exception {
        StrictJson reader = StrictJson.builder().numbers(StrictJson.Numbers.WHOLE).build();
        String a = "{\"s\": \"x\\u00e9\", \"skipped\": [1, {\"k\": [true]}], \"n\": 12, \"arr\": [\"p\", null], \"o\": {\"t\": false}}";
        String text = "{\"signed\": {\"v\": 1, \"targets\": {\"a\": " + a + ", \"b\": 5, \"c\": [1, 2]}}}";
        java.util.Map<String, Object> read = new java.util.LinkedHashMap<>();

        StrictJson.Spanned spanned = reader.readStreamed(utf8(text), "$.signed", "$.signed.targets", (name, value) -> {
            if (!name.equals("a")) {
                read.put(name, value.kind() + " " + value.start() + " " + value.finish());
                return;
            }
            value.enter();
            java.util.List<Object> seen = new java.util.ArrayList<>();
            for (String key = value.nextName(); key != null; key = value.nextName()) {
                seen.add(key);
                if (key.equals("s") || key.equals("n")) {
                    seen.add(value.plain());
                } else if (key.equals("arr")) {
                    value.enter();
                    while (value.nextElement()) {
                        seen.add(value.kind());
                    }
                } else if (key.equals("o")) {
                    value.enter();
                    seen.add(value.nextName());
                    assertThatThrownBy(value::nextElement).isInstanceOf(IllegalStateException.class);
                }
            }
            assertThatThrownBy(value::plain).isInstanceOf(IllegalStateException.class);
            read.put(name, seen);
            read.put("a text", new String(value.finish().orElseThrow().of(utf8(text)).orElseThrow(),
                    java.nio.charset.StandardCharsets.UTF_8));
        });

        assertThat(read.get("a")).isEqualTo(java.util.List.of("s", "x\u00e9", "skipped", "n", 12L, "arr",
                StrictJson.Cursor.Kind.STRING, StrictJson.Cursor.Kind.NULL, "o", "t"));
        assertThat(read.get("a text")).isEqualTo(a);
        assertThat(read.get("b")).isEqualTo("NUMBER -1 Optional.empty");
        int c = text.indexOf("[1, 2]");
        assertThat(read.get("c")).isEqualTo("ARRAY " + c + " Optional[Span[start=" + c + ", end=" + (c + 6) + "]]");
        assertThat(spanned.root().get("signed").get("v").intValue()).isEqualTo(1);
        assertThat(spanned.root().get("signed").get("targets").isEmpty()).as("streamed members are not kept").isTrue();
        assertThatThrownBy(() -> reader.readStreamed(utf8("{\"t\": {\"a\": 1, \"a\": 2}}"), "$.t", "$.t", (n, v) -> { }))
                .isInstanceOf(StrictJsonException.class).hasMessageStartingWith("$.t.a: duplicate key");
    }
}
