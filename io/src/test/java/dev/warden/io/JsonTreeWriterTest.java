package dev.warden.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Files written without a databind mapper are the very bytes a default mapper wrote before. */
class JsonTreeWriterTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ObjectNode everyKindOfNode() {
        ObjectNode root = NODES.objectNode();
        root.put("text", "caf\u00e9 \"quoted\" \\ \n\t\u0001 \u202e end");
        root.put("int", 42);
        root.put("long", 1L << 40);
        root.put("negative", -7);
        root.put("double", 0.1);
        root.put("float", 1.1f);
        root.put("short", (short) 3);
        root.put("big integer", new BigInteger("123456789012345678901234567890"));
        root.put("decimal", new BigDecimal("1.50"));
        root.put("true", true);
        root.putNull("null");
        root.put("binary", new byte[] {1, 2, 3});
        root.putObject("empty object");
        root.putArray("empty array");
        root.putArray("array").add(1).add("two").add(NODES.objectNode().put("three", 3)).add(NODES.arrayNode());
        root.putObject("nested").putObject("deeper").put("k", "v");
        return root;
    }

    @Test
    void writesTreesPrettyExactlyAsADefaultMapper() {
        ObjectNode root = everyKindOfNode();
        assertThat(JsonTreeWriter.pretty(root)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Test
    void writesTreesCompactExactlyAsADefaultMapper() {
        ObjectNode root = everyKindOfNode();
        assertThat(JsonTreeWriter.compact(root)).isEqualTo(MAPPER.writeValueAsString(root));
        assertThat(JsonTreeWriter.compact(NODES.stringNode("alone"))).isEqualTo(MAPPER.writeValueAsString(NODES.stringNode("alone")));
    }

    @Test
    void writesMapsAndListsPrettyExactlyAsADefaultMapper() {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> files = new ArrayList<>();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", "skills/a/SKILL.md");
        file.put("size", 123L);
        file.put("count", 7);
        file.put("sha256", "ab".repeat(32));
        files.add(file);
        files.add(List.of());
        files.add(Map.of());
        root.put("files", files);
        root.put("flag", false);
        root.put("nothing", null);
        root.put("ratio", 2.5);
        root.put("tree", NODES.objectNode().put("k", 1));
        root.put("list", Arrays.asList("a", null, 3));
        assertThat(JsonTreeWriter.pretty((Object) root)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Test
    void writesATreeHoldingAJavaObjectAsAMapperDoes() {
        ObjectNode root = NODES.objectNode();
        root.putPOJO("object", List.of("a", "b"));
        assertThat(JsonTreeWriter.pretty(root)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        assertThat(JsonTreeWriter.compact(root)).isEqualTo(MAPPER.writeValueAsString(root));
    }

    @Test
    void refusesAValueItCannotWriteNamingItsType() {
        assertThatThrownBy(() -> JsonTreeWriter.pretty((Object) Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    @Property(tries = 200)
    void writesAnyTreePrettyExactlyAsADefaultMapper(@ForAll("trees") JsonNode root) {
        assertThat(JsonTreeWriter.pretty(root)).isEqualTo(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return tree(3);
    }

    private static Arbitrary<JsonNode> tree(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(5).map(NODES::stringNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> child = tree(depth - 1);
        Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(values -> {
            ArrayNode node = NODES.arrayNode();
            values.forEach(node::add);
            return node;
        });
        Arbitrary<JsonNode> object = child.list().ofMaxSize(3).map(values -> {
            ObjectNode node = NODES.objectNode();
            for (int i = 0; i < values.size(); i++) {
                node.set("k" + i, values.get(i));
            }
            return node;
        });
        return Arbitraries.oneOf(leaf, array, object);
    }
}
