package dev.warden.manager.mcpb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** MCPB's typed user_config keeps its range, default and multiple flag on the way to the plugin's userConfig. */
class McpbManifestOptionsTest {

    private static McpbManifest manifest(String userConfig) throws Exception {
        return McpbManifest.parse(("{\"manifest_version\": \"0.3\", \"name\": \"files\", \"version\": \"1.0.0\","
                + " \"author\": {\"name\": \"Ada\"}, \"server\": {\"type\": \"node\", \"entry_point\": \"server/index.js\","
                + " \"mcp_config\": {\"command\": \"node\", \"args\": [\"${__dirname}/server/index.js\"]}},"
                + " \"user_config\": " + userConfig + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheRangeTheDefaultAndMultipleButNotADefaultWithMcpbsOwnVariables() throws Exception {
        McpbManifest manifest = manifest("{\"limit\": {\"type\": \"number\", \"title\": \"Limit\", \"min\": 1, \"max\": 9,"
                + " \"default\": 3}, \"roots\": {\"type\": \"directory\", \"title\": \"Folders\", \"multiple\": true,"
                + " \"default\": [\"${HOME}/Desktop\"], \"description\": \"Folders it may read\"},"
                + " \"home\": {\"type\": \"directory\", \"title\": \"Home\", \"default\": \"${HOME}\"}}");

        assertThat(manifest.userConfig()).hasSize(3);
        McpbManifest.Option limit = manifest.userConfig().get(0);
        assertThat(limit.defaults()).containsOnlyKeys("min", "max", "default");
        assertThat(limit.defaults().get("max").asInt()).isEqualTo(9);
        assertThat(manifest.userConfig().get(1).defaults()).containsKeys("multiple", "description");
        assertThat(manifest.userConfig().get(2).defaults()).doesNotContainKey("default");
    }
}
