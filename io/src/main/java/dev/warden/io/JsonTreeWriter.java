package dev.warden.io;

import java.io.StringWriter;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes JSON trees and plain values (maps, lists, strings, numbers, booleans) as text with Jackson's streaming
 * layer, exactly as a default databind mapper writes them ({@code writeValueAsString}, or
 * {@code writerWithDefaultPrettyPrinter()}): building a databind mapper costs a fresh process tens of ms (its
 * configuration, serializer caches and a default date format that loads the locale data), and a command that only
 * records its state, an audit entry or a bundle's file list need not pay that. {@link JsonNode#toString()} builds
 * one too.
 */
public final class JsonTreeWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTreeWriter() {
    }

    /** @return the tree on one line, as {@code JsonMapper.writeValueAsString} writes it */
    public static String compact(JsonNode node) {
        return write(node, ObjectWriteContext.empty());
    }

    /** @return the tree with Jackson's default pretty printer, no line break at the end */
    public static String pretty(JsonNode node) {
        return write(node, new Pretty());
    }

    /**
     * @param value a {@link JsonNode}, or a {@link Map} (keys written with {@code String.valueOf}) or
     *              {@link Iterable} of such values, a {@link CharSequence}, {@link Number}, {@link Boolean} or null
     * @return the value with Jackson's default pretty printer, no line break at the end
     * @throws IllegalArgumentException if the value holds anything else
     */
    public static String pretty(Object value) {
        return write(value, new Pretty());
    }

    private static String write(Object value, ObjectWriteContext context) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(context, out)) {
            if (value instanceof JsonNode node && containsPojo(node)) {
                // a node holding a Java object needs databind to write the object: rare, so paid only then
                return Fallback.write(node, context.hasPrettyPrinter());
            }
            writeValue(value, generator);
        }
        return out.toString();
    }

    private static void writeValue(Object value, JsonGenerator out) {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof JsonNode node) {
            writeNode(node, out);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeName(String.valueOf(entry.getKey()));
                writeValue(entry.getValue(), out);
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                writeValue(item, out);
            }
            out.writeEndArray();
        } else if (value instanceof CharSequence text) {
            out.writeString(text.toString());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Float number) {
            out.writeNumber(number);
        } else if (value instanceof java.math.BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof java.math.BigDecimal number) {
            out.writeNumber(number);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNode(JsonNode node, JsonGenerator out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    out.writeName(property.getKey());
                    writeNode(property.getValue(), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node.values()) {
                    writeNode(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.stringValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL, MISSING -> out.writeNull();
            case BINARY -> out.writeBinary(node.binaryValue());
            case NUMBER -> writeNumber(node, out);
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node");
        }
    }

    private static void writeNumber(JsonNode node, JsonGenerator out) {
        if (node.isInt() || node.isShort()) {
            out.writeNumber(node.intValue());
        } else if (node.isLong()) {
            out.writeNumber(node.longValue());
        } else if (node.isBigInteger()) {
            out.writeNumber(node.bigIntegerValue());
        } else if (node.isFloat()) {
            out.writeNumber(node.floatValue());
        } else if (node.isBigDecimal()) {
            out.writeNumber(node.decimalValue());
        } else {
            out.writeNumber(node.doubleValue());
        }
    }

    private static boolean containsPojo(JsonNode node) {
        if (node.isPojo()) {
            return true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (containsPojo(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A write context that pretty-prints as a default mapper's {@code writerWithDefaultPrettyPrinter()}. */
    private static final class Pretty extends ObjectWriteContext.Base {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            return new DefaultLayout();
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }

    /**
     * The layout of Jackson's {@link DefaultPrettyPrinter} with its default separators, written out: that class builds
     * its separators by string concatenation in Jackson's jar, whose first run bootstraps a method handle tree (ten to
     * twenty classes spun in every process that writes its state). Objects break lines and indent two spaces a level,
     * arrays stay on one line; {@code " : "} between a name and its value, {@code "{ }"} and {@code "[ ]"} when empty.
     */
    private static final class DefaultLayout implements PrettyPrinter {

        private final DefaultPrettyPrinter.Indenter objects = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;
        private int nesting;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            g.writeRaw(DEFAULT_ROOT_VALUE_SEPARATOR);
        }

        @Override
        public void writeStartObject(JsonGenerator g) {
            g.writeRaw('{');
            nesting++;
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
            objects.writeIndentation(g, nesting);
        }

        @Override
        public void writeObjectNameValueSeparator(JsonGenerator g) {
            g.writeRaw(" : ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) {
            g.writeRaw(',');
            objects.writeIndentation(g, nesting);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) {
            nesting--;
            if (entries > 0) {
                objects.writeIndentation(g, nesting);
            } else {
                g.writeRaw(' ');
            }
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) {
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
            g.writeRaw(' ');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) {
            g.writeRaw(", ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) {
            g.writeRaw(" ]"); // after the last value as after none
        }
    }

    /** The databind mapper, built only for a tree that holds a Java object. */
    private static final class Fallback {
        private static final JsonMapper MAPPER = JsonMapper.builder().build();

        static String write(JsonNode node, boolean pretty) {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) : MAPPER.writeValueAsString(node);
        }
    }
}
