package dev.warden.registry.mcp;

import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one JSON document into a tree in a single streaming pass, noting (rather than stopping at)
 * duplicate keys and unsafe characters, each with its JSON path, so that the caller can drop only
 * the entry that holds them. Malformed JSON, excessive nesting and trailing data stop the read.
 */
final class StrictTreeReader {

    /** A duplicate key or unsafe text at a JSON path such as {@code $.servers[2].server.name}. */
    record Problem(String path, String message) {
    }

    /** The tree and the problems found in it. */
    record Result(JsonNode root, List<Problem> problems) {
    }

    static final int MAX_DEPTH = 32;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH + 8)
                            .maxStringLength(1024 * 1024)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Problem> problems = new ArrayList<>();

    private StrictTreeReader() {
    }

    /** @throws IllegalArgumentException with a message saying where the JSON is malformed */
    static Result read(byte[] json) {
        StrictTreeReader reader = new StrictTreeReader();
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("the body is empty; expected a JSON object");
            }
            JsonNode root = reader.value(parser, first, "$", 1);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("unexpected data after the JSON document");
            }
            return new Result(root, List.copyOf(reader.problems));
        } catch (JacksonException e) {
            String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("malformed JSON" + where + ": " + UnsafeCharacters.quote(e.getOriginalMessage()), e);
        }
    }

    private JsonNode value(JsonParser parser, JsonToken token, String path, int depth) {
        switch (token) {
            case START_OBJECT:
            case START_ARRAY:
                if (depth > MAX_DEPTH) {
                    throw new IllegalArgumentException(path + " is nested deeper than " + MAX_DEPTH + " levels");
                }
                return token == JsonToken.START_OBJECT ? object(parser, path, depth) : array(parser, path, depth);
            case VALUE_STRING:
                String text = parser.getString();
                checkText(path, text, "the value");
                return NODES.stringNode(text);
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
                throw new IllegalArgumentException("unexpected " + token + " at " + path);
        }
    }

    private ObjectNode object(JsonParser parser, String path, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            String childPath = path + "." + key;
            checkText(childPath, key, "the key");
            boolean duplicate = !seen.add(key);
            if (duplicate) {
                problems.add(new Problem(childPath, "the key " + UnsafeCharacters.quote(key)
                        + " appears twice in one object, so its meaning is ambiguous"));
            }
            JsonNode child = value(parser, parser.nextToken(), childPath, depth + 1);
            if (!duplicate) {
                object.set(key, child);
            }
        }
        return object;
    }

    private ArrayNode array(JsonParser parser, String path, int depth) {
        ArrayNode array = NODES.arrayNode();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token, path + "[" + index++ + "]", depth + 1));
        }
        return array;
    }

    private void checkText(String path, String text, String what) {
        OptionalInt at = UnsafeCharacters.firstUnsafe(text);
        if (at.isPresent()) {
            int cp = text.codePointAt(at.getAsInt());
            problems.add(new Problem(path, String.format("%s contains the control, bidi or invisible character U+%04X"
                    + " at index %d, which could disguise text on a terminal", what, cp, at.getAsInt())));
        }
    }

    /** @return whether {@code path} is {@code prefix} or lies inside it */
    static boolean isWithin(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        if (path.length() == prefix.length()) {
            return true;
        }
        char next = path.charAt(prefix.length());
        return next == '.' || next == '[';
    }

    static List<Problem> within(List<Problem> problems, String prefix) {
        return problems.stream().filter(p -> isWithin(p.path(), prefix)).toList();
    }
}
