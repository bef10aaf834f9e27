package dev.warden.registry.tuf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads metadata into plain trees (LinkedHashMap, ArrayList, String, Long or BigInteger, Boolean, null) with
 * Jackson's streaming parser, refusing what canonical JSON cannot hold: duplicate keys, fractions and
 * exponents, trailing data. One object of a file may instead be handed over member by member as it is
 * read ({@link Streamed}), under the same rules. Also writes trees as indented JSON for people reading a
 * repository folder.
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

    /**
     * Takes the members of one object one at a time as they are read, so that a large object (the
     * targets of a marketplace) is never held whole.
     */
    interface Members {
        /**
         * @param name  the member's key, already checked to be the first of its name in the object
         * @param value the member's value as a tree
         * @throws TufException to stop reading
         */
        void accept(String name, Object value) throws TufException;
    }

    /**
     * The key of the spanned object whose value, when it is an object, goes to {@code members} member by
     * member instead of into the tree; the tree holds an empty object in its place.
     */
    record Streamed(String key, Members members) {
    }

    /** Like {@link #parse(byte[], String)}, noting in {@code span} where its key's value lies. */
    static Object parse(byte[] bytes, String file, Span span) throws TufException {
        return parse(bytes, file, span, null);
    }

    /**
     * Like {@link #parse(byte[], String, Span)}, and hands the members of one object inside the spanned
     * value to {@code streamed} as they are read. Every rule of {@link #parse(byte[], String)} applies to
     * them as to the rest of the file.
     *
     * @param streamed null to read everything into the tree
     */
    static Object parse(byte[] bytes, String file, Span span, Streamed streamed) throws TufException {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed(file, "is empty");
            }
            Object value = span != null && first == JsonToken.START_OBJECT ? readTop(parser, file, span, streamed)
                    : read(parser, first, file);
            if (parser.nextToken() != null) {
                throw malformed(file, "has data after the end of its JSON value");
            }
            return value;
        } catch (JacksonException e) {
            throw new TufException(TufException.Kind.MALFORMED, file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); " + Messages.MALFORMED_ADVICE, e);
        }
    }

    private static Map<String, Object> readTop(JsonParser parser, String file, Span span, Streamed streamed)
            throws TufException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            requireNew(name, map.keySet(), file);
            JsonToken valueToken = parser.nextToken();
            long start = parser.currentTokenLocation().getByteOffset();
            boolean spanned = name.equals(span.key) && valueToken == JsonToken.START_OBJECT;
            map.put(name, spanned ? readObject(parser, file, streamed) : read(parser, valueToken, file));
            if (spanned) {
                span.start = start;
                span.end = parser.currentTokenLocation().getByteOffset() + 1;
            }
        }
        return map;
    }

    /** Reads the members of the object whose START_OBJECT is the current token, streaming {@code streamed}'s key. */
    private static Map<String, Object> readObject(JsonParser parser, String file, Streamed streamed)
            throws TufException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            requireNew(name, map.keySet(), file);
            JsonToken valueToken = parser.nextToken();
            if (streamed != null && name.equals(streamed.key) && valueToken == JsonToken.START_OBJECT) {
                stream(parser, file, streamed.members);
                map.put(name, new LinkedHashMap<String, Object>());
            } else {
                map.put(name, read(parser, valueToken, file));
            }
        }
        return map;
    }

    private static void stream(JsonParser parser, String file, Members members) throws TufException {
        Set<String> seen = new HashSet<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            requireNew(name, seen, file);
            seen.add(name);
            members.accept(name, read(parser, parser.nextToken(), file));
        }
    }

    private static void requireNew(String name, Set<String> seen, String file) throws TufException {
        if (seen.contains(name)) {
            throw malformed(file, "has the key \"" + name + "\" twice in one object");
        }
    }

    private static Object read(JsonParser parser, JsonToken token, String file) throws TufException {
        switch (token) {
            case START_OBJECT:
                return readObject(parser, file, null);
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
