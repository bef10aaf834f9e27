package dev.warden.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            throw error("the text ends where a value should be");
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
                literal("true");
                return new Json.Bool(true);
            case 'f':
                literal("false");
                return new Json.Bool(false);
            case 'n':
                literal("null");
                return Json.NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected " + describe());
        }
    }

    private Json object(int depth) {
        nest(depth);
        pos++;
        Map<String, Json> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}')) {
            pos++;
            return new Json.Object(members);
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected a key in quotes, found " + describe());
            }
            int keyAt = pos;
            String key = string();
            if (members.containsKey(key)) {
                pos = keyAt;
                throw error("the key \"" + key + "\" appears twice");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value(depth));
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                return new Json.Object(members);
            }
        }
    }

    private Json array(int depth) {
        nest(depth);
        pos++;
        List<Json> items = new ArrayList<>();
        skipWhitespace();
        if (peek(']')) {
            pos++;
            return new Json.Array(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                return new Json.Array(items);
            }
        }
    }

    private void nest(int depth) {
        if (depth > Json.MAX_DEPTH) {
            throw error("arrays and objects nest more than " + Json.MAX_DEPTH + " deep");
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            } else if (c == '\\') {
                out.append(escape());
            } else if (c < 0x20) {
                pos--;
                throw error("a control character must be escaped in a string");
            } else {
                out.append(c);
            }
        }
        throw error("the text ends inside a string");
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("the text ends inside a string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("the text ends inside a \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos), 16);
                    if (digit < 0) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                return (char) code;
            default:
                pos--;
                throw error("unknown escape \\" + c);
        }
    }

    private Json number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (!digits()) {
            throw error("a number needs a digit after '-'");
        }
        if (peek('.')) {
            pos++;
            if (!digits()) {
                throw error("a number needs a digit after '.'");
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digits()) {
                throw error("a number needs a digit in its exponent");
            }
        }
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            throw error("a number must not start with 0");
        }
        try {
            return new Json.Number(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("the number's exponent is too large");
        }
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected " + describe());
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "', found " + describe());
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
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

    private String describe() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        char c = text.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON at character " + (pos + 1) + ": " + what);
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
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
