package dev.warden.registry.tuf;

import dev.warden.io.JsonPath;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJsonException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads metadata into plain trees (LinkedHashMap, ArrayList, String, Long or BigInteger, Boolean, null) with
 * io's strict reader, refusing what canonical JSON cannot hold: duplicate keys, fractions and exponents,
 * trailing data. One object of a file may instead be handed over member by member as it is read
 * ({@link Streamed}), under the same rules. Also writes trees as indented JSON for people reading a
 * repository folder.
 */
final class StrictJson {

    private static final dev.warden.io.StrictJson READER = dev.warden.io.StrictJson.builder()
            .numbers(dev.warden.io.StrictJson.Numbers.WHOLE).build();
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
        private Optional<dev.warden.io.StrictJson.Span> found = Optional.empty();

        Span(String key) {
            this.key = key;
        }

        /** Where the value lies, or empty when the key was not found. */
        Optional<dev.warden.io.StrictJson.Span> found() {
            return found;
        }

        /** The bytes of the value, or empty when the key was not found. */
        Optional<byte[]> of(byte[] bytes) {
            return found.flatMap(span -> span.of(bytes));
        }
    }

    /**
     * Takes the members of one object one at a time as they are read, so that a large object (the
     * targets of a marketplace) is never held whole.
     */
    interface Members {
        /**
         * @param name  the member's key, already checked to be the first of its name in the object
         * @param value a cursor at the member's value, read under the same rules as the rest of the file (what it
         *              leaves unread is read past and checked all the same)
         * @throws TufException         to stop reading
         * @throws StrictJsonException  a problem the cursor found in the text
         */
        void accept(String name, dev.warden.io.StrictJson.Cursor value) throws TufException, StrictJsonException;
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
        try {
            if (span == null) {
                return plain(READER.read(bytes));
            }
            String spanned = JsonPath.child(JsonPath.ROOT, span.key);
            dev.warden.io.StrictJson.Spanned read = streamed == null
                    ? READER.read(bytes, spanned, null, null)
                    : READER.readStreamed(bytes, spanned, JsonPath.child(spanned, streamed.key), streamed.members::accept);
            span.found = read.root().path(span.key).isObject() ? read.span() : Optional.empty();
            return plain(read.root());
        } catch (StrictJsonException e) {
            JsonProblem problem = e.problem();
            throw switch (problem.kind()) {
                case EMPTY -> malformed(file, "is empty");
                case TRAILING -> malformed(file, "has data after the end of its JSON value");
                case DUPLICATE_KEY -> malformed(file, "has the key \"" + problem.detail() + "\" twice in one object");
                case FRACTION -> malformed(file, "holds the number " + problem.detail()
                        + ", but signed metadata holds whole numbers only");
                default -> new TufException(TufException.Kind.MALFORMED, file + " is not valid JSON ("
                        + problem.describe() + "); " + Messages.MALFORMED_ADVICE, e);
            };
        }
    }

    /** The tree as plain Java values, whole numbers as Long where they fit. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                map.put(member.getKey(), plain(member.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(plain(element));
            }
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBigInteger()) {
            BigInteger big = node.bigIntegerValue();
            return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0 ? (Object) big.longValue() : big;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNull()) {
            return null;
        }
        throw new IllegalStateException("a whole-number reader gave a " + node.getNodeType());
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
