package dev.warden.manager.imports;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.review.PluginContents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a converted Claude plugin asks of the agent without asking Warden, read by the same {@link PluginContents}
 * the review shows: the hooks it declares (Warden never runs them) and the {@code allowed-tools} its skills and
 * commands pre-approve. A part the review could not read refuses the import, so that nothing is hidden.
 */
final class ClaudeComponents {

    private final PluginContents contents;

    private ClaudeComponents(PluginContents contents) {
        this.contents = contents;
    }

    /**
     * @param root     the converted plugin folder
     * @param manifest the manifest written for it
     * @throws ClaudeImportException if a part cannot be read, naming each
     */
    static ClaudeComponents of(Path root, PluginManifest manifest) throws ClaudeImportException {
        PluginContents contents = PluginContents.of(root, manifest);
        if (!contents.problems().isEmpty()) {
            throw new ClaudeImportException("the plugin " + manifest.id().name() + " has parts Warden cannot list for"
                    + " review: " + String.join("; ", contents.problems()) + "; ask the publisher to fix these files");
        }
        return new ClaudeComponents(contents);
    }

    /** @return one line per hook command or prompt */
    List<String> hooks() {
        List<String> lines = new ArrayList<>();
        for (PluginContents.Hook hook : contents.hooks()) {
            lines.add(UnsafeCharacters.escape(hook.event())
                    + (hook.matcher().isEmpty() ? "" : " [matcher " + UnsafeCharacters.escape(hook.matcher()) + "]")
                    + ": " + UnsafeCharacters.escape(hook.type()) + " " + UnsafeCharacters.escape(hook.action())
                    + " (from " + hook.where() + "; Warden lists hooks and never runs them)");
        }
        return lines;
    }

    /** @return one line per skill or command whose front matter pre-approves tools with allowed-tools */
    List<String> allowedTools() {
        List<String> lines = new ArrayList<>();
        for (List<PluginContents.Item> items : List.of(contents.skills(), contents.commands())) {
            for (PluginContents.Item item : items) {
                if (!item.allowedTools().isEmpty()) {
                    String kind = item.path().endsWith("SKILL.md") ? "the skill" : "the command";
                    lines.add("allowed-tools: " + kind + " " + item.path() + " pre-approves "
                            + UnsafeCharacters.escape(String.join(", ", item.allowedTools())) + " in Claude Code; this is"
                            + " not a Warden permission and is shown for review only");
                }
            }
        }
        return lines;
    }
}
