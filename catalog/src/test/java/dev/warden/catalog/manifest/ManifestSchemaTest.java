package dev.warden.catalog.manifest;

import dev.warden.io.StrictJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PermissionKind;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON Schema shipped in plugin-api must agree with what the parser accepts. */
class ManifestSchemaTest {

    private static JsonNode schema;

    @BeforeAll
    static void readSchema() throws Exception {
        try (InputStream in = PermissionKind.class.getResourceAsStream("/dev/warden/catalog/manifest/plugin.schema.json")) {
            assertThat(in).as("plugin.schema.json on the class path").isNotNull();
            StrictJson.Result read = ManifestParser.READER.readAll(in.readAllBytes());
            schema = read.root().orElse(null);
            assertThat(read.problems()).as("the schema is valid JSON without duplicate keys").isEmpty();
        }
    }

    @Test
    void declaresDraft2020Twelve() {
        assertThat(schema.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void listsExactlyThePermissionKindIds() {
        List<String> ids = new ArrayList<>();
        schema.get("$defs").get("permission").get("properties").get("kind").get("enum")
                .forEach(node -> ids.add(node.stringValue()));
        assertThat(ids).containsExactlyElementsOf(Arrays.stream(PermissionKind.values()).map(PermissionKind::id).toList());
    }

    @Test
    void requiresTheFieldsTheParserRequires() {
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(node -> required.add(node.stringValue()));
        assertThat(required).containsExactlyElementsOf(ManifestParser.REQUIRED_FIELDS);
    }

    @Test
    void describesExactlyTheFieldsTheParserKnows() {
        Set<String> known = new HashSet<>(ManifestParser.WARDEN_FIELDS);
        known.addAll(ManifestParser.CLAUDE_FIELDS);
        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void requiresTheSameFieldsOfPermissionsAndConnectorsAsTheParser() {
        assertThat(schema.get("$defs").get("permission").get("required").values())
                .extracting(JsonNode::stringValue).containsExactly("kind", "scope", "reason");
        assertThat(schema.get("$defs").get("connector").get("required").values())
                .extracting(JsonNode::stringValue).containsExactly("name", "description", "inputSchema");
    }
}
