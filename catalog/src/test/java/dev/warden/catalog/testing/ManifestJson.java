package dev.warden.catalog.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code plugin.json} text for tests: starts from a small valid manifest and changes one
 * thing at a time, so each fixture shows only the defect it is about. Values are raw JSON.
 */
public final class ManifestJson {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> permissions = new ArrayList<>();
    private final List<String> connectors = new ArrayList<>();
    private String trailing = "";

    private ManifestJson() {
    }

    /** @return acme/weather 1.2.0 with one permission and one connector */
    public static ManifestJson valid() {
        return minimal()
                .with("description", str("Forecasts from the national weather service"))
                .permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .connector("forecast", "Forecast for a US location");
    }

    /** @return only the required fields */
    public static ManifestJson minimal() {
        return new ManifestJson()
                .with("name", str("weather"))
                .with("version", str("1.2.0"))
                .with("publisher", str("acme"));
    }

    /**
     * @return this, with the top-level field set to the raw JSON value (replacing an earlier one);
     *         setting permissions or connectors this way replaces the generated ones
     */
    public ManifestJson with(String field, String rawJson) {
        fields.put(field, rawJson);
        return this;
    }

    /** @return this, without the top-level field */
    public ManifestJson without(String field) {
        fields.remove(field);
        return this;
    }

    /** @return this, with one more permission */
    public ManifestJson permission(String kind, String scope, String reason) {
        return permissionJson("{\"kind\": " + str(kind) + ", \"scope\": " + str(scope) + ", \"reason\": " + str(reason) + "}");
    }

    /** @return this, with one more permission given as raw JSON */
    public ManifestJson permissionJson(String rawJson) {
        permissions.add(rawJson);
        return this;
    }

    /** @return this, without any permission */
    public ManifestJson noPermissions() {
        permissions.clear();
        return this;
    }

    /** @return this, with one more connector taking an object input */
    public ManifestJson connector(String name, String description) {
        return connectorJson("{\"name\": " + str(name) + ", \"description\": " + str(description)
                + ", \"inputSchema\": {\"type\": \"object\"}}");
    }

    /** @return this, with one more connector given as raw JSON */
    public ManifestJson connectorJson(String rawJson) {
        connectors.add(rawJson);
        return this;
    }

    /** @return this, with raw text appended after the closing brace */
    public ManifestJson trailing(String text) {
        trailing = text;
        return this;
    }

    /** @return the JSON text */
    public String text() {
        List<String> members = new ArrayList<>();
        fields.forEach((key, value) -> members.add(str(key) + ": " + value));
        if (!permissions.isEmpty() && !fields.containsKey("permissions")) {
            members.add("\"permissions\": [" + String.join(", ", permissions) + "]");
        }
        if (!connectors.isEmpty() && !fields.containsKey("connectors")) {
            members.add("\"connectors\": [" + String.join(", ", connectors) + "]");
        }
        return "{\n  " + String.join(",\n  ", members) + "\n}" + trailing;
    }

    /** @return the JSON text as UTF-8 */
    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** @return a JSON string literal; characters below U+0020 and non-ASCII as \\u escapes */
    public static String str(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
