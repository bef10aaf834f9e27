package dev.warden.catalog.state;

import dev.warden.io.UnsafeCharacters;

import dev.warden.io.JsonPath;
import dev.warden.catalog.manifest.Version;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object strictly, reporting every problem with the file and the JSON path,
 * e.g. {@code catalog.json: $.plugins['acme/weather'].version must be a string}.
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final Source source;

    /** Where the JSON came from and what to tell the person when it is wrong. */
    record Source(String name, String advice) {
    }

    private JsonFields(JsonNode node, String path, Source source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    /** @throws StateException if the root is not an object */
    static JsonFields root(JsonNode node, Source source) throws StateException {
        return object(node, "$", source);
    }

    private static JsonFields object(JsonNode node, String path, Source source) throws StateException {
        if (!node.isObject()) {
            throw problem(source, path, "must be a JSON object");
        }
        return new JsonFields(node, path, source);
    }

    static StateException problem(Source source, String path, String message) {
        return new StateException(source.name() + " is not valid at " + path + ": " + message
                + (source.advice().isEmpty() ? "" : "; " + source.advice()));
    }

    StateException problem(String message) {
        return problem(source, path, message);
    }

    StateException problemAt(String key, String message) {
        return problem(source, JsonPath.child(path, key), message);
    }

    String path() {
        return path;
    }

    Source source() {
        return source;
    }

    /** @throws StateException naming the first key that is not one of {@code allowed} */
    JsonFields allowOnly(Set<String> allowed) throws StateException {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw problemAt(key, "unknown field; this file was not written by this version of Warden");
            }
        }
        return this;
    }

    JsonNode raw(String key) throws StateException {
        JsonNode value = node.get(key);
        if (value == null) {
            throw problemAt(key, "is missing");
        }
        return value;
    }

    String string(String key) throws StateException {
        JsonNode value = raw(key);
        if (!value.isString()) {
            throw problemAt(key, "must be a string");
        }
        return value.stringValue();
    }

    Optional<String> optionalString(String key) throws StateException {
        return node.has(key) ? Optional.of(string(key)) : Optional.empty();
    }

    boolean bool(String key) throws StateException {
        JsonNode value = raw(key);
        if (!value.isBoolean()) {
            throw problemAt(key, "must be true or false");
        }
        return value.booleanValue();
    }

    long integer(String key) throws StateException {
        JsonNode value = raw(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw problemAt(key, "must be a whole number");
        }
        return value.longValue();
    }

    Instant instant(String key) throws StateException {
        String text = string(key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw problemAt(key, UnsafeCharacters.quote(text) + " is not an ISO-8601 UTC time such as 2025-05-01T10:00:00Z");
        }
    }

    Version version(String key) throws StateException {
        String text = string(key);
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw problemAt(key, e.getMessage());
        }
    }

    JsonFields object(String key) throws StateException {
        return object(raw(key), JsonPath.child(path, key), source);
    }

    Optional<JsonFields> optionalObject(String key) throws StateException {
        return node.has(key) ? Optional.of(object(key)) : Optional.empty();
    }

    /** @return the elements of an array of objects */
    List<JsonFields> objects(String key) throws StateException {
        return array(key, "must be an array", (element, elementPath) -> object(element, elementPath, source));
    }

    List<String> strings(String key) throws StateException {
        return array(key, "must be an array of strings", (element, elementPath) -> {
            if (!element.isString()) {
                throw problem(source, elementPath, "must be a string");
            }
            return element.stringValue();
        });
    }

    /** Reads one element of an array, given its JSON path. */
    private interface Element<T> {
        T read(JsonNode element, String elementPath) throws StateException;
    }

    private <T> List<T> array(String key, String notAnArray, Element<T> element) throws StateException {
        JsonNode value = raw(key);
        String arrayPath = JsonPath.child(path, key);
        if (!value.isArray()) {
            throw problem(source, arrayPath, notAnArray);
        }
        List<T> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            out.add(element.read(item, JsonPath.index(arrayPath, i++)));
        }
        return out;
    }

    /** @return the members of an object whose values are all objects, in file order */
    Map<String, JsonFields> members(String key) throws StateException {
        JsonFields holder = object(key);
        Map<String, JsonFields> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : holder.node.properties()) {
            out.put(member.getKey(), object(member.getValue(), JsonPath.child(holder.path, member.getKey()), source));
        }
        return out;
    }
}
