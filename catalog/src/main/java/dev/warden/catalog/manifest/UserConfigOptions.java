package dev.warden.catalog.manifest;

import static dev.warden.io.StrictJson.typeName;

import dev.warden.io.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a manifest's {@code userConfig} into {@link UserConfigOption}s: the parser checks it with {@link #read} (each
 * problem named by its JSON path), and the rest of Warden takes the options of a parsed manifest with {@link #of}.
 * As loose as Claude Code where it is loose: an option without a type is text, and fields Warden does not know are
 * left alone; a field it knows must have its type.
 *
 * @since 0.2
 */
public final class UserConfigOptions {

    private UserConfigOptions() {
    }

    /**
     * @return the options of a parsed manifest, in the order written; empty when it declares none
     * @throws IllegalStateException if its {@code userConfig} is not valid, which the parser would have refused
     */
    public static List<UserConfigOption> of(PluginManifest manifest) {
        Optional<String> raw = manifest.claudeField("userConfig");
        if (raw.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        List<UserConfigOption> options = read(ManifestParser.readTrusted(raw.get()),
                JsonPath.child(JsonPath.ROOT, "userConfig"), (path, message) -> problems.add(path + ": " + message));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the manifest of " + manifest.id() + " has an invalid userConfig: " + problems.get(0));
        }
        return options;
    }

    /**
     * @param value the {@code userConfig} object
     * @param path  its JSON path
     * @param error told each problem: the JSON path of the culprit and what is wrong
     * @return the options that are valid
     */
    public static List<UserConfigOption> read(JsonNode value, String path, BiConsumer<String, String> error) {
        List<UserConfigOption> options = new ArrayList<>();
        if (!value.isObject()) {
            error.accept(path, "must be an object of options, not " + typeName(value));
            return options;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String where = JsonPath.child(path, entry.getKey());
            JsonNode node = entry.getValue();
            if (!UserConfigOption.isKey(entry.getKey())) {
                error.accept(where, "option " + Names.quote(entry.getKey())
                        + " is not a name: use 1 to 64 letters, digits, '_' or '-'");
                continue;
            }
            if (!node.isObject()) {
                error.accept(where, "option " + entry.getKey() + " must be an object, not " + typeName(node));
                continue;
            }
            option(entry.getKey(), node, where, error).ifPresent(options::add);
        }
        return options;
    }

    private static Optional<UserConfigOption> option(String key, JsonNode node, String where, BiConsumer<String, String> error) {
        List<String> problems = new ArrayList<>();
        BiConsumer<String, String> counted = (path, message) -> {
            problems.add(message);
            error.accept(path, message);
        };
        JsonNode typeNode = node.path("type");
        // Claude Code's own options often leave the type out: they are text
        Optional<UserConfigOption.Type> type = typeNode.isMissingNode() ? Optional.of(UserConfigOption.Type.STRING)
                : typeNode.isString() ? UserConfigOption.Type.of(typeNode.stringValue()) : Optional.empty();
        if (type.isEmpty()) {
            counted.accept(JsonPath.child(where, "type"), "option " + key + " has the type "
                    + (typeNode.isString() ? Names.quote(typeNode.stringValue()) : typeNode.toString())
                    + "; a type is string, number, boolean, directory or file");
        }
        String title = text(node, "title", key, where, counted).orElse(key);
        String description = text(node, "description", key, where, counted).orElse("");
        boolean sensitive = flag(node, "sensitive", key, where, counted);
        boolean required = flag(node, "required", key, where, counted);
        boolean multiple = flag(node, "multiple", key, where, counted);
        Optional<Double> min = number(node, "min", key, where, counted);
        Optional<Double> max = number(node, "max", key, where, counted);
        Optional<String> defaultValue = Optional.empty();
        JsonNode given = node.path("default");
        if (!given.isMissingNode() && !given.isNull()) {
            if (given.isString() || given.isNumber() || given.isBoolean()) {
                defaultValue = Optional.of(given.isString() ? given.stringValue() : given.toString());
            } else {
                counted.accept(JsonPath.child(where, "default"), "option " + key
                        + " has a default that is not a string, number or boolean");
            }
        }
        if (!problems.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserConfigOption(key, type.get(), title, description, sensitive, required,
                    defaultValue, min, max, multiple));
        } catch (IllegalArgumentException e) {
            error.accept(where, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field, String key, String where, BiConsumer<String, String> error) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            error.accept(JsonPath.child(where, field), "option " + key + " has a " + field + " that is not text");
            return Optional.empty();
        }
        return Optional.of(value.stringValue());
    }

    private static boolean flag(JsonNode node, String field, String key, String where, BiConsumer<String, String> error) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return false;
        }
        if (!value.isBoolean()) {
            error.accept(JsonPath.child(where, field), "option " + key + " has a " + field + " that is not true or false");
            return false;
        }
        return value.booleanValue();
    }

    private static Optional<Double> number(JsonNode node, String field, String key, String where,
                                           BiConsumer<String, String> error) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            error.accept(JsonPath.child(where, field), "option " + key + " has a " + field + " that is not a number");
            return Optional.empty();
        }
        return Optional.of(value.doubleValue());
    }
}
