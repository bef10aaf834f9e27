package dev.warden.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The one canonical JSON form Warden signs: the form securesystemslib (and so the TUF reference
 * implementation) signs — object keys sorted by code point, no whitespace, only {@code "} and
 * {@code \} escaped, integers only, UTF-8. Not RFC 8785, which differs on control and non-ASCII
 * characters.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * Encodes a tree of {@link Map} (string keys), {@link List}, {@link String}, integral
     * {@link Number}, {@link Boolean} and {@code null}.
     *
     * @throws IllegalArgumentException for a non-integral number, a non-string key or any other type
     */
    public static byte[] encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out);
        } else if (value instanceof List<?> list) {
            writeJoined('[', list.size(), i -> write(list.get(i), out), ']', out);
        } else {
            throw new IllegalArgumentException("canonical JSON cannot hold a " + value.getClass().getName()
                    + " (only objects, arrays, strings, integers, booleans and null)");
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("canonical JSON object keys must be strings, not " + key);
            }
            keys.add(s);
        }
        keys.sort(CanonicalJson::compareCodePoints);
        writeJoined('{', keys.size(), i -> {
            writeString(keys.get(i), out);
            out.append(':');
            write(map.get(keys.get(i)), out);
        }, '}', out);
    }

    /** Writes {@code count} items between {@code open} and {@code close}, separated by commas. */
    private static void writeJoined(char open, int count, IntConsumer item, char close, StringBuilder out) {
        out.append(open);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            item.accept(i);
        }
        out.append(close);
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Python sorts str keys by code point; String.compareTo sorts by UTF-16 unit, which differs above U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
