package dev.warden.catalog.state;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict JSON reading (duplicate keys and trailing data refused), stable writing, and hashing.
 * Reading and hashing use Jackson's streaming layer only: a databind mapper costs about 300 ms to
 * build in a fresh JVM, and {@code warden list} must not pay that. Only pretty writing builds one.
 */
final class StateJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Built on first write only. */
    private static final class Writer {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    static final String ZERO_HASH = "0".repeat(64);

    private StateJson() {
    }

    /**
     * @param what names the source in messages, e.g. the file's path
     * @throws StateException if the bytes are empty or not exactly one well-formed JSON value
     */
    static JsonNode parse(byte[] bytes, String what, String advice) throws StateException {
        JsonNode node;
        try {
            node = readTree(bytes);
        } catch (JacksonException e) {
            String path = e instanceof StreamReadException read && read.processor() != null
                    ? " (at " + pathOf(read.processor().streamReadContext()) + ")" : "";
            throw new StateException(what + " is not valid JSON" + where(e.getLocation()) + path + ": "
                    + Texts.escape(e.getOriginalMessage()) + (advice.isEmpty() ? "" : "; " + advice), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new StateException(what + " is empty" + (advice.isEmpty() ? "" : "; " + advice));
        }
        return node;
    }

    /** @return the node pretty-printed, ending with a line break */
    static byte[] pretty(JsonNode node) {
        return (Writer.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return the node on one line with the keys of every object sorted: equal trees give equal text */
    static String canonical(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            writeSorted(node, generator);
        }
        return out.toString();
    }

    /**
     * Parses exactly one JSON value; duplicate keys and trailing data are errors.
     *
     * @return the value, or {@code null} for empty input
     * @throws JacksonException for malformed JSON
     */
    static JsonNode readTree(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
            return readTree(parser);
        }
    }

    static JsonNode readTree(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            return readTree(parser);
        }
    }

    private static JsonNode readTree(JsonParser parser) {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return null;
        }
        JsonNode root = value(parser, first);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new StreamReadException(parser, "Trailing token (of type " + trailing + ") found after value");
        }
        return root;
    }

    private static JsonNode value(JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new StreamReadException(parser, "unexpected token " + token);
        }
    }

    private static void writeSorted(JsonNode node, JsonGenerator out) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.propertyNames());
            Collections.sort(keys);
            out.writeStartObject();
            for (String key : keys) {
                out.writeName(key);
                writeSorted(node.get(key), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node.values()) {
                writeSorted(element, out);
            }
            out.writeEndArray();
        } else if (node.isString()) {
            out.writeString(node.stringValue());
        } else if (node.isBigInteger()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isIntegralNumber()) {
            out.writeNumber(node.longValue());
        } else if (node.isNumber()) {
            out.writeNumber(node.doubleValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            out.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }

    /** The path of the value the parser was at when it failed, from Jackson's own context. */
    private static String pathOf(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = pathOf(context.getParent());
        if (context.inObject()) {
            return context.currentName() == null ? parent : child(parent, context.currentName());
        }
        return context.getCurrentIndex() < 0 ? parent : index(parent, context.getCurrentIndex());
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** @return a JSON path child, e.g. {@code $.plugins['acme/weather']} */
    static String child(String parent, String key) {
        if (!key.isEmpty() && key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(key.charAt(0))) {
            return parent + "." + key;
        }
        return parent + "['" + Texts.escape(key).replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
