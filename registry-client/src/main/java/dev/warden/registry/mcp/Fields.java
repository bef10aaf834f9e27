package dev.warden.registry.mcp;

import static dev.warden.io.StrictJson.typeName;

import dev.warden.io.JsonPath;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Typed access to the fields of one JSON object under every spelling a registry may use
 * ({@code registryType} now, {@code registry_type} on older deployments). A field written in two
 * spellings at once is ambiguous and refused; JSON {@code null} counts as absent. Problems are
 * {@link IllegalArgumentException}s whose message starts with the field's JSON path.
 */
final class Fields {

    private final JsonNode object;
    private final String path;

    private Fields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    static Fields of(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be an object, not " + typeName(node));
        }
        return new Fields(node, path);
    }

    String path() {
        return path;
    }

    String pathOf(String name) {
        return JsonPath.child(path, name);
    }

    /** @return the field's name as written and its value, if present under one of the spellings */
    Optional<Named> find(String... spellings) {
        List<Named> found = new ArrayList<>();
        for (String spelling : spellings) {
            JsonNode value = object.get(spelling);
            if (value != null && !value.isNull()) {
                found.add(new Named(spelling, value));
            }
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(path + " has both " + found.get(0).name() + " and "
                    + found.get(1).name() + "; they mean the same field, so the entry is ambiguous");
        }
        return found.stream().findFirst();
    }

    Optional<String> string(String... spellings) {
        return typed(spellings, JsonNode::isString, "a string", JsonNode::stringValue);
    }

    /** The field's value if present; refused unless {@code is} holds for it (the message calls the type {@code what}). */
    private <T> Optional<T> typed(String[] spellings, Predicate<JsonNode> is, String what, Function<JsonNode, T> value) {
        return find(spellings).map(field -> {
            if (!is.test(field.value())) {
                throw new IllegalArgumentException(pathOf(field.name()) + " must be " + what + ", not "
                        + typeName(field.value()));
            }
            return value.apply(field.value());
        });
    }

    /** A string on one line: no newline or tab (which the unsafe-character check lets through in prose). */
    Optional<String> line(String... spellings) {
        Optional<String> text = string(spellings);
        text.ifPresent(value -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\t') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(pathOf(spellings[0]) + " " + UnsafeCharacters.quote(value)
                        + " must be a single line");
            }
        });
        return text;
    }

    String requiredLine(String... spellings) {
        return line(spellings).orElseThrow(() -> new IllegalArgumentException(pathOf(spellings[0])
                + " is missing"));
    }

    Optional<Boolean> bool(String... spellings) {
        return typed(spellings, JsonNode::isBoolean, "true or false", JsonNode::booleanValue);
    }

    Optional<Fields> object(String... spellings) {
        return find(spellings).map(field -> of(field.value(), pathOf(field.name())));
    }

    /** @return the array's items with their paths; empty when the field is absent */
    List<Named> array(String... spellings) {
        Optional<Named> field = find(spellings);
        if (field.isEmpty()) {
            return List.of();
        }
        JsonNode value = field.get().value();
        String arrayPath = pathOf(field.get().name());
        if (!value.isArray()) {
            throw new IllegalArgumentException(arrayPath + " must be an array, not " + typeName(value));
        }
        List<Named> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new Named(JsonPath.index(arrayPath, i), value.get(i)));
        }
        return items;
    }

    /** @return the object's members with their paths, in the order written; empty when the field is absent */
    List<Named> members(String... spellings) {
        Optional<Fields> field = object(spellings);
        if (field.isEmpty()) {
            return List.of();
        }
        List<Named> members = new ArrayList<>();
        for (var member : field.get().object.properties()) {
            members.add(new Named(member.getKey(), member.getValue()));
        }
        return members;
    }

    /** A field or array item: its name (or path, for items) and value. */
    record Named(String name, JsonNode value) {
    }
}
