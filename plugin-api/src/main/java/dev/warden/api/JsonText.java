package dev.warden.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes {@link Json} text: a strict RFC 8259 reader (no comments, trailing commas,
 * leading zeros, duplicate keys, raw control characters or text after the value) and a compact writer.
 */
final class JsonText {

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    static Json parse(String text) {
        JsonText reader = new JsonText(text);
        reader.skipWhitespace();
        Json value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw reader.error("unexpected " + reader.describe() + " after the value");
        }
        return value;
    }

    static String write(Json value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    static IllegalStateException wrongType(String expected, Json found) {
        return new IllegalStateException("expected " + expected + ", found " + typeName(found));
    }

    private static String typeName(Json value) {
        if (value instanceof Json.Object) {
            return "an object";
        } else if (value instanceof Json.Array) {
            return "an array";
        } else if (value instanceof Json.String) {
            return "a string";
        } else if (value instanceof Json.Number number) {
            return "the number " + number.value();
        } else if (value instanceof Json.Bool) {
            return "a boolean";
        }
        return "null";
    }

    private Json value(int depth) {
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
                return new Json.String(string());
            case 't':
                return literal("true", new Json.Bool(true));
            case 'f':
                return literal("false", new Json.Bool(false));
            case 'n':
                return literal("null", Json.NULL);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw error("unexpected " + describe() + " where a value should start");
        }
    }

    private Json object(int depth) {
        checkDepth(depth);
        pos++;
        Map<String, Json> fields = new LinkedHashMap<>();
        if (closes('}')) {
            return new Json.Object(fields);
        }
        do {
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
        } while (another('}', "an object"));
        return new Json.Object(fields);
    }

    private Json array(int depth) {
        checkDepth(depth);
        pos++;
        List<Json> items = new ArrayList<>();
        if (closes(']')) {
            return new Json.Array(items);
        }
        do {
            skipWhitespace();
            items.add(value(depth));
        } while (another(']', "an array"));
        return new Json.Array(items);
    }

    /** Skips whitespace; at {@code close}, steps past it and says so. */
    private boolean closes(char close) {
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member: steps past ',' when another follows, or past {@code close} when none does; else fails. */
    private boolean another(char close, String container) {
        skipWhitespace();
        if (peek() == ',') {
            pos++;
            return true;
        }
        if (closes(close)) {
            return false;
        }
        throw error("expected ',' or '" + close + "' in " + container + ", found " + describe());
    }

    private String string() {
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

    private char unicodeEscape() {
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

    private Json number() {
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
            return new Json.Number(new BigDecimal(text.substring(start, pos)));
        } catch (IllegalArgumentException e) { // NumberFormatException, or an exponent beyond Json.Number.MAX_SCALE
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

    private Json literal(String word, Json value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe() + " where a value should start");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "', found " + describe());
        }
        pos++;
    }

    private void checkDepth(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw error("arrays and objects nest more than " + Json.MAX_DEPTH + " deep");
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
        String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
        return "0000".substring(hex.length()) + hex;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("at character " + (pos + 1) + ": " + what);
    }

    private static void append(StringBuilder out, Json value) {
        if (value instanceof Json.Object object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Json> member : object.members().entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                appendString(out, member.getKey());
                out.append(':');
                append(out, member.getValue());
            }
            out.append('}');
        } else if (value instanceof Json.Array array) {
            out.append('[');
            for (int i = 0; i < array.items().size(); i++) {
                out.append(i == 0 ? "" : ",");
                append(out, array.items().get(i));
            }
            out.append(']');
        } else if (value instanceof Json.String string) {
            appendString(out, string.value());
        } else if (value instanceof Json.Number number) {
            out.append(number.value());
        } else if (value instanceof Json.Bool bool) {
            out.append(bool.value());
        } else {
            out.append("null");
        }
    }

    /** Escapes every control character and the two Unicode line separators, so the text is one line. */
    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        String hex = Integer.toHexString(c);
                        out.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
