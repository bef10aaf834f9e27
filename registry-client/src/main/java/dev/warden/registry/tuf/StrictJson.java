package dev.warden.registry.tuf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads metadata into plain trees (LinkedHashMap, ArrayList, String, Long or BigInteger, Boolean, null) with
 * Jackson's streaming parser, refusing what canonical JSON cannot hold: duplicate keys, fractions and
 * exponents, trailing data. Also writes trees as indented JSON for people reading a repository folder.
 */
final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private StrictJson() {
    }

    /**
     * @param file names the file in messages
     * @throws TufException ({@link TufException.Kind#MALFORMED}) for anything but one strict JSON value
     */
    static Object parse(byte[] bytes, String file) throws TufException {
        return parse(bytes, file, null);
    }

    /**
     * Where the value of one top-level key lies in the bytes: {@code start} inclusive, {@code end}
     * exclusive, or -1 when the key is absent.
     */
    static final class Span {
        private final String key;
        private long start = -1;
        private long end = -1;

        Span(String key) {
            this.key = key;
        }

        /** The bytes of the value, or empty when the key was not found. */
        java.util.Optional<byte[]> of(byte[] bytes) {
            return start < 0 || end > bytes.length ? java.util.Optional.empty()
                    : java.util.Optional.of(java.util.Arrays.copyOfRange(bytes, (int) start, (int) end));
        }
    }

    /** Like {@link #parse(byte[], String)}, noting in {@code span} where its key's value lies. */
    static Object parse(byte[] bytes, String file, Span span) throws TufException {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed(file, "is empty");
            }
            Object value = span != null && first == JsonToken.START_OBJECT ? readTop(parser, file, span) : read(parser, first, file);
            if (parser.nextToken() != null) {
                throw malformed(file, "has data after the end of its JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new TufException(TufException.Kind.MALFORMED, file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); " + Messages.MALFORMED_ADVICE, e);
        }
    }

    private static Map<String, Object> readTop(JsonParser parser, String file, Span span) throws TufException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            if (map.containsKey(name)) {
                throw malformed(file, "has the key \"" + name + "\" twice in one object");
            }
            JsonToken valueToken = parser.nextToken();
            long start = parser.currentTokenLocation().getByteOffset();
            map.put(name, read(parser, valueToken, file));
            if (name.equals(span.key) && valueToken == JsonToken.START_OBJECT) {
                span.start = start;
                span.end = parser.currentTokenLocation().getByteOffset() + 1;
            }
        }
        return map;
    }

    private static Object read(JsonParser parser, JsonToken token, String file) throws TufException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    if (map.containsKey(name)) {
                        throw malformed(file, "has the key \"" + name + "\" twice in one object");
                    }
                    map.put(name, read(parser, parser.nextToken(), file));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(read(parser, t, file));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT: {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = parser.getBigIntegerValue();
                    return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
                }
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT:
                throw malformed(file, "holds the number " + parser.getString()
                        + ", but signed metadata holds whole numbers only");
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw malformed(file, "has an unexpected " + token);
        }
    }

    private static TufException malformed(String file, String what) {
        return new TufException(TufException.Kind.MALFORMED, file + " " + what + "; " + Messages.MALFORMED_ADVICE);
    }

    /** Indented JSON with keys in the tree's order; only what JSON requires is escaped. */
    static byte[] pretty(Object tree) {
        StringBuilder out = new StringBuilder(4096);
        write(tree, out, 0);
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                indent(out, depth + 1);
                string((String) e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n");
                indent(out, depth + 1);
                write(list.get(i), out, depth + 1);
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Integer
                || value instanceof BigInteger) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("metadata cannot hold a " + value.getClass().getName());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
