package dev.warden.manager.host;

import dev.warden.api.Json;
import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.JsonProblem;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks a tool call's input against the input schema the plugin declared (and the person reviewed)
 * before any plugin code sees it. It understands the part of JSON Schema tool schemas use: {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties: false}, {@code enum},
 * {@code minimum}/{@code maximum}, {@code minLength}/{@code maxLength} and {@code items}, at any depth;
 * keywords it does not know are not enforced. One is made per plugin as it loads, so each declared schema
 * is read once, not on every call.
 */
final class ToolInput {

    static final int MAX_BYTES = 1024 * 1024;

    private static final StrictJson STRICT = StrictJson.builder().maxDepth(Json.MAX_DEPTH).numbers(StrictJson.Numbers.EXACT).build();

    private final PluginManifest manifest;
    private final Map<String, JsonNode> schemas;

    private ToolInput(PluginManifest manifest, Map<String, JsonNode> schemas) {
        this.manifest = manifest;
        this.schemas = schemas;
    }

    /** @return the checks of every tool {@code manifest} declares, each schema read now */
    static ToolInput of(PluginManifest manifest) {
        Map<String, JsonNode> schemas = new HashMap<>();
        for (ConnectorSpec connector : manifest.connectors()) {
            try {
                schemas.put(connector.name(), STRICT.read(connector.inputSchemaJson()));
            } catch (StrictJsonException e) {
                throw new IllegalArgumentException("the declared input schema of " + connector.name()
                        + " is not valid JSON: " + e.problem(), e);
            }
        }
        return new ToolInput(manifest, Map.copyOf(schemas));
    }

    /**
     * Checks a call against what the plugin declares: the tool must be declared and the input must fit its schema.
     *
     * @return the input, read once, as the plugin receives it
     * @throws ToolCallException of reason {@code UNKNOWN_TOOL} naming the declared tools, or {@code BAD_INPUT} naming
     *                           each JSON path that is wrong
     */
    Json check(String tool, String inputJson) throws ToolCallException {
        PluginId id = manifest.id();
        JsonNode schema = schemas.get(tool);
        if (schema == null) {
            throw new ToolCallException(ToolCallException.Reason.UNKNOWN_TOOL, id + " has no tool '" + tool + "'" + toolList());
        }
        List<String> wrong = new ArrayList<>();
        JsonNode input = read(inputJson, wrong);
        if (input != null) {
            check(schema, input, "$", wrong);
        }
        if (wrong.isEmpty()) {
            try {
                return toApi(input);
            } catch (IllegalArgumentException outOfRange) {
                wrong.add(outOfRange.getMessage());
            }
        }
        throw new ToolCallException(ToolCallException.Reason.BAD_INPUT,
                "input for " + id + " tool " + tool + ": " + String.join("; ", wrong));
    }

    /** The one conversion from Jackson's tree to the value a plugin reads; numbers keep their exact value. */
    /**
     * Reads input the host already checked, as it crosses into a plugin host process: with the one reader, once.
     *
     * @throws IllegalArgumentException if the text is not the JSON the host sent
     */
    static Json parsed(String inputJson) {
        try {
            return toApi(STRICT.read(inputJson));
        } catch (StrictJsonException e) {
            throw new IllegalArgumentException("the tool input is not valid JSON: " + e.problem().describe(), e);
        }
    }

    private static Json toApi(JsonNode node) {
        if (node.isObject()) {
            Map<String, Json> members = new LinkedHashMap<>();
            node.properties().forEach(member -> members.put(member.getKey(), toApi(member.getValue())));
            return new Json.Object(members);
        }
        if (node.isArray()) {
            List<Json> items = new ArrayList<>();
            node.values().forEach(item -> items.add(toApi(item)));
            return new Json.Array(items);
        }
        if (node.isString()) {
            return new Json.String(node.stringValue());
        }
        if (node.isNumber()) {
            return new Json.Number(node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue());
        }
        if (node.isBoolean()) {
            return new Json.Bool(node.booleanValue());
        }
        return Json.NULL;
    }

    /** @return the input as a JSON object, or null with what is wrong added to {@code problems} */
    private static JsonNode read(String inputJson, List<String> problems) {
        if (inputJson.length() > MAX_BYTES) {
            problems.add("the input is larger than " + MAX_BYTES + " bytes");
            return null;
        }
        JsonNode input;
        try {
            input = STRICT.read(inputJson);
        } catch (StrictJsonException e) {
            problems.add(e.problem().kind() == JsonProblem.Kind.EMPTY ? "the input must be a JSON object, e.g. {}"
                    : "the input is not valid JSON: " + e.problem().describe());
            return null;
        }
        if (!input.isObject()) {
            problems.add("the input must be a JSON object, e.g. {}");
            return null;
        }
        return input;
    }

    private String toolList() {
        return manifest.connectors().isEmpty() ? "; it declares no tools"
                : "; its tools: " + manifest.connectors().stream().map(ConnectorSpec::name).collect(Collectors.joining(", "));
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null && !matchesType(type, value)) {
            problems.add(path + " must be " + describe(type) + ", was " + kind(value));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
            problems.add(path + " must be one of " + allowed);
        }
        if (value.isNumber()) {
            bound(schema, "minimum", value, path, problems, true);
            bound(schema, "maximum", value, path, problems, false);
        }
        if (value.isString()) {
            int length = value.stringValue().codePointCount(0, value.stringValue().length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(path + " must have at least " + schema.get("minLength").asInt() + " characters");
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(path + " must have at most " + schema.get("maxLength").asInt() + " characters");
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, path, problems);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (name.isString() && !value.has(name.stringValue())) {
                    problems.add(path + "." + name.stringValue() + " is required");
                }
            }
        }
        JsonNode properties = schema.get("properties");
        Set<String> known = new HashSet<>();
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                known.add(property.getKey());
                JsonNode given = value.get(property.getKey());
                if (given != null) {
                    check(property.getValue(), given, path + "." + property.getKey(), problems);
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
            for (String name : value.propertyNames()) {
                if (!known.contains(name)) {
                    problems.add(path + "." + name + " is not a property this tool takes");
                }
            }
        }
    }

    private static void bound(JsonNode schema, String keyword, JsonNode value, String path, List<String> problems, boolean lower) {
        JsonNode limit = schema.get(keyword);
        if (limit != null && limit.isNumber()) {
            int order = value.decimalValue().compareTo(limit.decimalValue());
            if (lower ? order < 0 : order > 0) {
                problems.add(path + " must be " + (lower ? "at least " : "at most ") + limit);
            }
        }
    }

    private static boolean matchesType(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (matchesType(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asString()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(describe(t)));
            return String.join(" or ", names);
        }
        String name = type.asString();
        return switch (name) {
            case "object", "array", "integer" -> "an " + name;
            default -> "a " + name;
        };
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "the number " + value;
        }
        if (value.isBoolean()) {
            return value.toString();
        }
        return "null";
    }
}
