package dev.warden.catalog.manifest;

/**
 * A tool a plugin declares in {@code plugin.json} {@code connectors}. Only declared tools are
 * served; the description is pinned when the person approves the plugin.
 *
 * @param name            the tool name: 1 to 64 of {@code [a-z0-9_-]}
 * @param description     what the tool does, shown to the person and to the model; not blank
 * @param inputSchemaJson the JSON Schema of the tool's input, as JSON text of an object
 * @since 0.1
 */
public record ConnectorSpec(String name, String description, String inputSchemaJson) {

    /**
     * @throws IllegalArgumentException if the name breaks the pattern, the description is blank or
     *                                  unsafe, or the schema text is not a JSON object's text
     */
    public ConnectorSpec {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("connector name " + (name == null ? "(missing)" : Names.quote(name))
                    + " must be 1 to 64 lowercase letters, digits, '_' or '-'");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("connector " + name + " needs a description");
        }
        if (inputSchemaJson == null || !inputSchemaJson.strip().startsWith("{") || !inputSchemaJson.strip().endsWith("}")) {
            throw new IllegalArgumentException("connector " + name + " needs an input schema that is a JSON object");
        }
    }

    /** @return whether {@code name} is a valid connector (tool) name */
    public static boolean isValidName(String name) {
        return name != null && !name.isEmpty() && name.length() <= Names.MAX_NAME_LENGTH
                && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-');
    }
}
