package dev.warden.samples.json;

import dev.warden.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text with the plugin API's strict reader ({@link Json#parse}) into plain Java values for
 * the plugin's own files: objects become {@code Map<String, Object>} in document order, arrays
 * {@code List<Object>}, strings {@code String}, numbers {@code BigDecimal}, booleans {@code Boolean}
 * and {@code null} a Java null.
 *
 * <p>Part of the sample-json library that the notes and tidy samples ship in their {@code lib/}, where
 * Warden's bytecode verifier checks it like their own classes.
 */
public final class JsonReader {

    /** How deeply arrays and objects may nest: the plugin API's limit. */
    public static final int MAX_DEPTH = Json.MAX_DEPTH;

    private JsonReader() {
    }

    /**
     * @param text JSON text
     * @return the value it holds
     * @throws MalformedJsonException if the text is not exactly one JSON value, saying where and why
     */
    public static Object read(String text) throws MalformedJsonException {
        try {
            return plain(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw new MalformedJsonException(e.getMessage());
        }
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

    /** @return the value as a plain Java value, as {@link #read} returns it */
    public static Object plain(Json value) {
        if (value instanceof Json.Object object) {
            Map<String, Object> fields = new LinkedHashMap<>();
            object.members().forEach((key, member) -> fields.put(key, plain(member)));
            return Collections.unmodifiableMap(fields);
        } else if (value instanceof Json.Array array) {
            List<Object> items = new ArrayList<>();
            array.items().forEach(item -> items.add(plain(item)));
            return Collections.unmodifiableList(items);
        } else if (value instanceof Json.String string) {
            return string.value();
        } else if (value instanceof Json.Number number) {
            return number.value();
        } else if (value instanceof Json.Bool bool) {
            return bool.value();
        }
        return null;
    }

    /** The text is not the JSON that was expected; the message says where and why. */
    public static final class MalformedJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }
}
