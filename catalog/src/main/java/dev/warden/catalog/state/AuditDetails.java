package dev.warden.catalog.state;

import dev.warden.io.JsonPath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts audit details between Java values and JSON. Only strings, whole numbers, finite
 * floating-point numbers, booleans, lists and string-keyed maps are accepted, so that every detail
 * reads back as it was hashed.
 */
final class AuditDetails {

    private static final int MAX_DEPTH = 32;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuditDetails() {
    }

    /** @throws IllegalArgumentException naming the detail whose value is of another type, null, NaN or infinite */
    static ObjectNode toJson(Map<String, ?> details) {
        return (ObjectNode) toJson(details, "details", 0);
    }

    private static JsonNode toJson(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("audit detail " + path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("audit detail " + path + " is " + d + "; JSON has no such number");
            }
            return NODES.numberNode(d);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toJson(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, Object> entry : keysOf(map, path).entrySet()) {
                object.set(entry.getKey(), toJson(entry.getValue(), path + "." + entry.getKey(), depth + 1));
            }
            return object;
        }
        throw new IllegalArgumentException("audit detail " + path + " is "
                + (value == null ? "null" : "a " + value.getClass().getName())
                + "; details may only hold strings, whole or finite numbers, booleans, lists and maps");
    }

    private static Map<String, Object> keysOf(Map<?, ?> map, String path) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("audit detail " + path + " has a key that is not a string: " + entry.getKey());
            }
            out.put(key, entry.getValue());
        }
        return out;
    }

    /** @return the details as Java values: String, Long or BigInteger, Double, Boolean, List, sorted Map */
    static Map<String, Object> fromJson(JsonNode object, JsonFields.Source source, String path) throws StateException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) fromJson(object, source, path, 0);
        return map;
    }

    private static Object fromJson(JsonNode node, JsonFields.Source source, String path, int depth) throws StateException {
        if (depth > MAX_DEPTH) {
            throw JsonFields.problem(source, path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (JsonNode element : node.values()) {
                list.add(fromJson(element, source, JsonPath.index(path, i++), depth + 1));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                map.put(member.getKey(), fromJson(member.getValue(), source, JsonPath.child(path, member.getKey()), depth + 1));
            }
            return Collections.unmodifiableMap(map);
        }
        throw JsonFields.problem(source, path, "must be a string, number, boolean, array or object, not " + node.getNodeType());
    }
}
