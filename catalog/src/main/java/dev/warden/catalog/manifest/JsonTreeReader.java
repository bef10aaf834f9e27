package dev.warden.catalog.manifest;

import dev.warden.io.UnsafeCharacters;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON into a tree in one streaming pass while tracking the JSON path, so that duplicate
 * keys, unsafe characters in keys and values, excessive nesting and trailing data are all reported
 * with their path. Jackson's own duplicate detection stops at the first duplicate and loses the
 * path; this walker reports every one.
 */
final class JsonTreeReader {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(1000)
                            .maxStringLength(ManifestParser.MAX_BYTES)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final int maxDepth;
    private final List<ManifestProblem> problems;
    private String currentPath = JsonPath.ROOT;

    JsonTreeReader(int maxDepth, List<ManifestProblem> problems) {
        this.maxDepth = maxDepth;
        this.problems = problems;
    }

    /** @return the tree, or empty if the bytes are not well-formed JSON (the problem is recorded) */
    Optional<JsonNode> read(byte[] json) {
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(json);
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new ManifestProblem(JsonPath.ROOT, "the file is empty; expected a JSON object"));
                return Optional.empty();
            }
            JsonNode root = readValue(parser, first, JsonPath.ROOT, 1);
            currentPath = JsonPath.ROOT;
            JsonToken trailing;
            try {
                trailing = parser.nextToken();
            } catch (JacksonException e) {
                trailing = JsonToken.NOT_AVAILABLE;
            }
            if (trailing != null) {
                problems.add(new ManifestProblem(JsonPath.ROOT,
                        "unexpected data after the JSON document; a manifest holds exactly one JSON object"));
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            String path = parser == null ? currentPath : pathOf(parser.streamReadContext());
            problems.add(new ManifestProblem(path, "malformed JSON" + where(e.getLocation()) + ": "
                    + UnsafeCharacters.quote(e.getOriginalMessage())));
            return Optional.empty();
        } finally {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /**
     * Reads JSON this module wrote itself (raw Claude fields, connector schemas), keeping numbers exact.
     *
     * @throws IllegalStateException if the text is not valid JSON, which would be a bug
     */
    static JsonNode readTrusted(String json) {
        List<ManifestProblem> found = new java.util.ArrayList<>();
        Optional<JsonNode> node = new JsonTreeReader(Integer.MAX_VALUE, found)
                .read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (node.isEmpty() || !found.isEmpty()) {
            throw new IllegalStateException("stored JSON is not valid: " + found);
        }
        return node.get();
    }

    /** The path of the value the parser was at, from Jackson's own context: exact even mid-token. */
    private static String pathOf(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return JsonPath.ROOT;
        }
        String parent = pathOf(context.getParent());
        if (context.inObject()) {
            return context.currentName() == null ? parent : JsonPath.child(parent, context.currentName());
        }
        return context.getCurrentIndex() < 0 ? parent : JsonPath.index(parent, context.getCurrentIndex());
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private JsonNode readValue(JsonParser parser, JsonToken token, String path, int depth) {
        currentPath = path;
        switch (token) {
            case START_OBJECT:
            case START_ARRAY:
                if (depth > maxDepth) {
                    problems.add(new ManifestProblem(path, "nested deeper than " + maxDepth + " levels"));
                    parser.skipChildren();
                    return NODES.nullNode();
                }
                return token == JsonToken.START_OBJECT ? readObject(parser, path, depth) : readArray(parser, path, depth);
            case VALUE_STRING:
                String text = parser.getString();
                checkText(path, text, "the value");
                return NODES.stringNode(text);
            case VALUE_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token + " at " + path);
        }
    }

    private ObjectNode readObject(JsonParser parser, String path, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> seen = new HashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            String childPath = JsonPath.child(path, key);
            currentPath = childPath;
            checkText(childPath, key, "the key");
            boolean duplicate = !seen.add(key);
            if (duplicate) {
                problems.add(new ManifestProblem(childPath, "duplicate key " + UnsafeCharacters.quote(key)
                        + "; a key may appear only once in an object"));
            }
            JsonNode value = readValue(parser, parser.nextToken(), childPath, depth + 1);
            if (!duplicate) {
                object.set(key, value);
            }
            currentPath = path;
        }
        return object;
    }

    private ArrayNode readArray(JsonParser parser, String path, int depth) {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(readValue(parser, token, JsonPath.index(path, index++), depth + 1));
            currentPath = path;
        }
        return array;
    }

    private void checkText(String path, String text, String what) {
        OptionalInt at = UnsafeCharacters.firstUnsafe(text);
        if (at.isPresent()) {
            problems.add(new ManifestProblem(path, what + " contains " + UnsafeCharacters.describe(
                    text.codePointAt(at.getAsInt())) + " at index " + at.getAsInt()
                    + "; remove it, such characters can hide or disguise text"));
        }
    }
}
