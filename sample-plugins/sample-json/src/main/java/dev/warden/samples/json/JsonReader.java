package dev.warden.samples.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for tool input and the plugin's own files: the plugin API
 * is JDK-only, so a plugin brings its own. Objects become {@code Map<String, Object>} in document
 * order, arrays {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal}, booleans
 * {@code Boolean} and {@code null} a Java null. Duplicate keys, trailing commas, comments, leading
 * zeros, unescaped control characters and anything after the value are refused.
 *
 * <p>Part of the sample-json library that the notes and tidy samples ship in their {@code lib/}, where
 * Warden's bytecode verifier checks it like their own classes.
 */
public final class JsonReader {

    /** How deeply arrays and objects may nest; deeper input is refused rather than overflowing the stack. */
    public static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @param text JSON text
     * @return the value it holds
     * @throws MalformedJsonException if the text is not exactly one JSON value, saying where and why
     */
    public static Object read(String text) throws MalformedJsonException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected " + reader.describe() + " after the value");
        }
        return value;
    }

    /**
     * @param text JSON text
     * @return the object it holds
     * @throws MalformedJsonException if the text is not one JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) throws MalformedJsonException {
        Object value = read(text);
        if (!(value instanceof Map)) {
            throw new MalformedJsonException("expected a JSON object, not " + typeName(value));
        }
        return (Map<String, Object>) value;
    }

    /** @return the JSON type name of a value this reader returns: object, array, string, number, boolean or null */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof BigDecimal) {
            return "a number";
        }
        return "a boolean";
    }

    private Object value(int depth) throws MalformedJsonException {
        if (pos >= text.length()) {
            throw error("the text ends where a value should start");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected " + describe() + " where a value should start");
        }
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        Map<String, Object> fields = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(fields);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a field name in double quotes, found " + describe());
            }
            int keyAt = pos;
            String key = string();
            if (fields.containsKey(key)) {
                pos = keyAt;
                throw error("the field \"" + key + "\" appears twice");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            fields.put(key, value(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return Collections.unmodifiableMap(fields);
            } else {
                throw error("expected ',' or '}' in an object, found " + describe());
            }
        }
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            } else {
                throw error("expected ',' or ']' in an array, found " + describe());
            }
        }
    }

    private String string() throws MalformedJsonException {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("a control character (U+" + hex4(c) + ") must be escaped inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("a string ends inside an escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos -= 2;
                    throw error("unknown escape '\\" + e + "' in a string");
                }
            }
        }
    }

    private char unicodeEscape() throws MalformedJsonException {
        if (pos + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("a \\u escape needs four hex digits");
            }
            code = code * 16 + digit;
        }
        pos += 4;
        return (char) code;
    }

    private BigDecimal number() throws MalformedJsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw error("a number may not start with 0 followed by more digits");
            }
        } else if (!digits()) {
            throw error("expected digits in a number");
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw error("expected digits after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw error("expected digits in the exponent");
            }
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("the number is out of range");
        }
    }

    private boolean digits() {
        int start = pos;
        while (isDigit(peek())) {
            pos++;
        }
        return pos > start;
    }

    private Object literal(String word, Object value) throws MalformedJsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe() + " where a value should start");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) throws MalformedJsonException {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describe());
        }
        pos++;
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw error("arrays and objects nest more than " + MAX_DEPTH + " deep");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** @return the character at the position, or 0 at the end of the text */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private String describe() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(pos);
        return c < 0x20 || c > 0x7e ? "U+" + hex4(c) : "'" + c + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String hex4(char c) {
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(hex.length()) + hex;
    }

    private MalformedJsonException error(String message) {
        return new MalformedJsonException("at character " + (pos + 1) + ": " + message);
    }

    /** The text is not the JSON that was expected; the message says where and why. */
    public static final class MalformedJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }
}
