package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.imports.ClaudeImportedPlugin;
import dev.warden.manager.imports.ClaudePluginImport;
import dev.warden.manager.review.PluginContents;
import dev.warden.manager.testing.Corpus;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway serves a plugin's skills, commands and sub-agents as prompts under the names the review shows them
 * by: the front matter's {@code name}, else the file or folder name. Checked on the official marketplace's hookify
 * (whose skill folder {@code writing-rules} is named {@code writing-hookify-rules}); skipped without the corpus.
 */
class PluginPromptsTest {

    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());

    @TempDir
    Path tmp;

    @Test
    void anOfficialPluginsCommandsAreServedAsPromptsNamedAsTheReviewNamesThem() throws Exception {
        Path repo = Corpus.cloned("claude-plugins-official", tmp);
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(repo.resolve("plugins/hookify"), "unverified-official",
                null, tmp.resolve("hookify"));
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(imported.dir().resolve("plugin.json")));

        PluginEntries entries = PluginEntries.of(manifest, imported.dir(), JSON);

        String prefix = "unverified-official_hookify__";
        assertThat(entries.prompts()).containsOnlyKeys(prefix + "writing-hookify-rules", prefix + "configure",
                prefix + "help", prefix + "hookify", prefix + "list", prefix + "conversation-analyzer");
        PluginContents reviewed = PluginContents.of(imported.dir(), manifest);
        List<String> reviewedNames = Stream.of(reviewed.skills(), reviewed.commands(), reviewed.agents())
                .flatMap(List::stream).map(item -> prefix + item.name()).toList();
        assertThat(entries.prompts().keySet()).containsExactlyInAnyOrderElementsOf(reviewedNames);
        assertThat(entries.prompts().get(prefix + "list").prompt().description()).isEqualTo("List all configured hookify rules");
        assertThat(entries.prompts().get(prefix + "list").text())
                .isEqualTo(Files.readString(repo.resolve("plugins/hookify/commands/list.md")));
        assertThat(entries.prompts().get(prefix + "conversation-analyzer").text()).startsWith("You are the sub-agent");
        assertThat(entries.resources()).containsOnlyKeys("warden://unverified-official/hookify/skills/writing-rules/SKILL.md");
    }
}
