package dev.warden.samples.json;

import dev.warden.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link JsonReader} reads back as compact JSON text, with the plugin API's writer
 * ({@link Json#text}): maps as objects (in their iteration order), lists as arrays, strings, numbers,
 * booleans and null, always on one line.
 *
 * <p>Part of the sample-json library that the notes and tidy samples ship in their {@code lib/}, where
 * Warden's bytecode verifier checks it like their own classes.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /**
     * @param value a Map with String keys, List, String, Integer, Long, BigDecimal, Boolean or null,
     *              nested in any way
     * @return its JSON text
     * @throws IllegalArgumentException for any other type
     */
    public static String write(Object value) {
        return json(value).text();
    }

    /** @return {@code text} as a JSON string literal, quotes included */
    public static String quote(String text) {
        return new Json.String(text).text();
    }

    /** @return a plain Java value as the plugin API's JSON value, the way {@link #write} reads it */
    private static Json json(Object value) {
        if (value == null) {
            return Json.NULL;
        } else if (value instanceof String s) {
            return new Json.String(s);
        } else if (value instanceof Boolean b) {
            return new Json.Bool(b);
        } else if (value instanceof Integer || value instanceof Long) {
            return new Json.Number(BigDecimal.valueOf(((Number) value).longValue()));
        } else if (value instanceof BigDecimal d) {
            return new Json.Number(d);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Json> members = new LinkedHashMap<>();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (!(field.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings, not " + field.getKey());
                }
                members.put(key, json(field.getValue()));
            }
            return new Json.Object(members);
        } else if (value instanceof List<?> list) {
            List<Json> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(json(item)));
            return new Json.Array(items);
        }
        throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON");
    }
}
