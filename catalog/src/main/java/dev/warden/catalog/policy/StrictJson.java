package dev.warden.catalog.policy;

import dev.warden.io.UnsafeCharacters;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON document into a tree, refusing duplicate keys, nesting deeper than a policy needs
 * and trailing data, each with the JSON path where it happened. Jackson's own duplicate check would
 * stop without the path.
 */
final class StrictJson {

    static final int MAX_DEPTH = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH + 1)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;

    private StrictJson(Path file) {
        this.file = file;
    }

    static JsonNode read(byte[] json, Path file) throws PolicyException {
        return new StrictJson(file).read(json);
    }

    private JsonNode read(byte[] json) throws PolicyException {
        JsonParser parser;
        try {
            parser = MAPPER.createParser(json);
        } catch (JacksonException e) {
            // the encoding is read from the first bytes (found by fuzzing: 00 00 10 00 is no UTF-32 Jackson reads)
            throw new PolicyException(file, "$", "malformed JSON: " + UnsafeCharacters.quote(e.getOriginalMessage()), e);
        }
        try {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PolicyException(file, "$", "the file is empty; expected a JSON object", null);
            }
            JsonNode root = value(parser, first, "$", 1);
            if (parser.nextToken() != null) {
                throw new PolicyException(file, "$", "unexpected data after the JSON object", null);
            }
            return root;
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new PolicyException(file, pathOf(parser.streamReadContext()),
                    "malformed JSON" + at + ": " + UnsafeCharacters.quote(e.getOriginalMessage()), e);
        } finally {
            parser.close();
        }
    }

    private JsonNode value(JsonParser parser, JsonToken token, String path, int depth) throws PolicyException {
        switch (token) {
            case START_OBJECT:
            case START_ARRAY:
                if (depth > MAX_DEPTH) {
                    throw new PolicyException(file, path, "nested deeper than " + MAX_DEPTH + " levels", null);
                }
                return token == JsonToken.START_OBJECT ? object(parser, path, depth) : array(parser, path, depth);
            case VALUE_STRING:
                return NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new PolicyException(file, path, "unexpected JSON token " + token, null);
        }
    }

    private ObjectNode object(JsonParser parser, String path, int depth) throws PolicyException {
        ObjectNode object = NODES.objectNode();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            String childPath = Texts.child(path, key);
            if (!seen.add(key)) {
                throw new PolicyException(file, childPath, "duplicate key " + UnsafeCharacters.quote(key)
                        + "; a key may appear only once in an object", null);
            }
            object.set(key, value(parser, parser.nextToken(), childPath, depth + 1));
        }
        return object;
    }

    private ArrayNode array(JsonParser parser, String path, int depth) throws PolicyException {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token, Texts.index(path, index++), depth + 1));
        }
        return array;
    }

    private static String pathOf(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = pathOf(context.getParent());
        if (context.inObject()) {
            return context.currentName() == null ? parent : Texts.child(parent, context.currentName());
        }
        return context.getCurrentIndex() < 0 ? parent : Texts.index(parent, context.getCurrentIndex());
    }
}
