package dev.warden.manager.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.WardenException;
import dev.warden.manager.imports.ClaudePluginImportTest.ClaudePlugin;
import dev.warden.manager.review.PluginContents;
import dev.warden.registry.git.ClaudeListing;
import dev.warden.registry.git.PluginSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a Claude plugin's skills, commands and sub-agents are, as Claude Code reads them: a path field replaces the
 * default folder; a strict marketplace entry adds to plugin.json's fields, a {@code strict: false} one is the whole
 * definition and conflicts with a plugin.json that declares components too.
 */
class ClaudeComponentPathsTest {

    @TempDir
    Path tmp;

    /** A plugin with three skills, two commands and two sub-agents in their default folders. */
    private ClaudePlugin plugin(String manifest) throws Exception {
        ClaudePlugin plugin = new ClaudePlugin(tmp.resolve("src"))
                .file("skills/docx/SKILL.md", "---\nname: docx\ndescription: Word files\n---\nWrite.\n")
                .file("skills/pdf/SKILL.md", "---\nname: pdf\ndescription: PDF files\n---\nRead.\n")
                .file("skills/art/SKILL.md", "---\nname: art\ndescription: Pictures\n---\nDraw.\n")
                .file("commands/ship.md", "---\ndescription: Ships it\n---\nShip.\n")
                .file("commands/extra/lint.md", "---\ndescription: Lints\n---\nLint.\n")
                .file("agents/critic.md", "---\nname: critic\ndescription: Criticises\n---\nCriticise.\n")
                .file("agents/helper.md", "---\nname: helper\ndescription: Helps\n---\nHelp.\n");
        return manifest == null ? plugin : plugin.manifest(manifest);
    }

    private static ClaudeListing entry(boolean strict, String entryJson) {
        return new ClaudeListing("docs", Optional.empty(), "Documents", List.of(), Optional.empty(),
                new PluginSource.Relative(""), strict, entryJson);
    }

    private PluginContents contents(ClaudeImportedPlugin imported) throws Exception {
        PluginManifest manifest = ManifestParser.standard().parse(Files.readAllBytes(imported.dir().resolve("plugin.json")));
        return PluginContents.of(imported.dir(), manifest);
    }

    private static List<String> names(List<PluginContents.Item> items) {
        return items.stream().map(PluginContents.Item::name).toList();
    }

    @Test
    void anEntryThatIsTheWholeDefinitionHoldsOnlyTheSkillsItLists() throws Exception {
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(plugin(null).dir, "unverified-skills",
                entry(false, "{\"name\": \"docs\", \"strict\": false, \"skills\": [\"./skills/docx\", \"./skills/pdf\"]}"),
                tmp.resolve("out"), "");

        PluginContents contents = contents(imported);
        assertThat(names(contents.skills())).containsExactly("docx", "pdf");
        assertThat(names(contents.commands())).containsExactly("lint", "ship");
        // the skill it does not list is not installed at all, so no check or review shows it as this plugin's
        assertThat(imported.dir().resolve("skills/art")).doesNotExist();
        assertThat(imported.dir().resolve("skills/docx/SKILL.md")).exists();
    }

    @Test
    void pathFieldsOfPluginJsonReplaceTheDefaultFolders() throws Exception {
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(plugin("{\"name\": \"docs\", \"skills\": \"./skills/art\","
                + " \"commands\": [\"./commands/ship.md\"], \"agents\": [\"./agents/critic.md\"]}").dir, "acme", null,
                tmp.resolve("out"), "");

        PluginContents contents = contents(imported);
        assertThat(names(contents.skills())).containsExactly("art");
        assertThat(names(contents.commands())).containsExactly("ship");
        assertThat(names(contents.agents())).containsExactly("critic");
    }

    @Test
    void aStrictEntryAddsItsPathsToThoseOfPluginJson() throws Exception {
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(plugin("{\"name\": \"docs\", \"skills\": [\"./skills/art\"]}").dir,
                "acme", entry(true, "{\"name\": \"docs\", \"skills\": [\"./skills/pdf\", \"./skills/art\"]}"),
                tmp.resolve("out"), "");

        assertThat(names(contents(imported).skills())).containsExactly("art", "pdf");
    }

    @Test
    void anEntryThatIsTheWholeDefinitionRefusesAPluginJsonDeclaringComponentsToo() throws Exception {
        Path src = plugin("{\"name\": \"docs\", \"skills\": [\"./skills/art\"]}").dir;
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> ClaudePluginImport.convert(src, "acme",
                entry(false, "{\"name\": \"docs\", \"strict\": false, \"skills\": [\"./skills/pdf\"]}"), out, ""))
                .isInstanceOf(ClaudeImportException.class)
                .hasMessageContaining("\"strict\": false").hasMessageContaining(".claude-plugin/plugin.json declares skills")
                .satisfies(e -> assertThat(((WardenException) e).category()).isEqualTo(WardenException.Category.ERROR));
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }
}
