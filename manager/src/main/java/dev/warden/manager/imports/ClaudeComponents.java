package dev.warden.manager.imports;

import dev.warden.catalog.manifest.FrontMatter;
import dev.warden.catalog.manifest.UnsafeCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Lists what a Claude plugin asks of the agent without asking Warden: the hooks it declares
 * (Warden never runs them) and the {@code allowed-tools} its skills and commands pre-approve.
 * Both are shown in the review; neither becomes a permission.
 */
final class ClaudeComponents {

    static final String HOOKS_FILE = "hooks/hooks.json";
    private static final int MAX_MARKDOWN_BYTES = 1024 * 1024;

    private ClaudeComponents() {
    }

    /** @return one line per hook command or prompt, from hooks/hooks.json and the manifest's hooks field */
    static List<String> hooks(Path root, Optional<JsonNode> manifestHooks) throws ClaudeImportException {
        List<String> lines = new ArrayList<>();
        Path file = root.resolve(HOOKS_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            hookConfig(ClaudeJson.read(root, file), HOOKS_FILE, lines);
        }
        if (manifestHooks.isPresent()) {
            JsonNode value = manifestHooks.get();
            List<JsonNode> items = value.isArray() ? value.valueStream().toList() : List.of(value);
            for (JsonNode item : items) {
                if (item.isString()) {
                    Path hooks = ClaudePluginImport.inside(root, item.stringValue(), "hooks");
                    if (!hooks.normalize().equals(file.normalize())) {
                        hookConfig(ClaudeJson.read(root, hooks), ClaudeJson.relative(root, hooks), lines);
                    }
                } else {
                    hookConfig(item, "plugin.json hooks", lines);
                }
            }
        }
        return lines;
    }

    private static void hookConfig(JsonNode node, String where, List<String> lines) throws ClaudeImportException {
        JsonNode events = node.isObject() && node.has("hooks") && node.get("hooks").isObject() ? node.get("hooks") : node;
        if (!events.isObject()) {
            throw new ClaudeImportException(where + " must be an object of hook events, e.g. {\"hooks\": {\"PreToolUse\": [...]}}");
        }
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            if (!event.getValue().isArray()) {
                throw new ClaudeImportException(where + ": the hooks of " + UnsafeCharacters.quote(event.getKey())
                        + " must be an array");
            }
            for (JsonNode group : event.getValue()) {
                String matcher = group.has("matcher") && group.get("matcher").isString()
                        && !group.get("matcher").stringValue().isEmpty()
                        ? " [matcher " + UnsafeCharacters.escape(group.get("matcher").stringValue()) + "]" : "";
                JsonNode hooks = group.get("hooks");
                if (hooks == null || !hooks.isArray()) {
                    throw new ClaudeImportException(where + ": each entry of " + UnsafeCharacters.quote(event.getKey())
                            + " needs a hooks array");
                }
                for (JsonNode hook : hooks) {
                    String type = text(hook, "type").orElse("command");
                    String action = text(hook, "command").or(() -> text(hook, "prompt")).or(() -> text(hook, "url"))
                            .orElse("(no command)");
                    lines.add(UnsafeCharacters.escape(event.getKey()) + matcher + ": " + UnsafeCharacters.escape(type)
                            + " " + UnsafeCharacters.escape(action) + " (from " + where + "; Warden lists hooks and never runs them)");
                }
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
    }

    /** @return one line per skill or command whose front matter pre-approves tools with allowed-tools */
    static List<String> allowedTools(Path root) throws ClaudeImportException {
        List<String> lines = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Path skills = root.resolve("skills");
        if (Files.isDirectory(skills, LinkOption.NOFOLLOW_LINKS)) {
            for (Path skill : list(skills)) {
                if (Files.isRegularFile(skill.resolve("SKILL.md"), LinkOption.NOFOLLOW_LINKS)) {
                    files.add(skill.resolve("SKILL.md"));
                }
            }
        }
        Path commands = root.resolve("commands");
        if (Files.isDirectory(commands, LinkOption.NOFOLLOW_LINKS)) {
            for (Path command : list(commands)) {
                if (command.getFileName().toString().endsWith(".md") && Files.isRegularFile(command, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(command);
                }
            }
        }
        for (Path file : files) {
            String text;
            try {
                if (Files.size(file) > MAX_MARKDOWN_BYTES) {
                    throw new ClaudeImportException(ClaudeJson.relative(root, file) + " is larger than "
                            + MAX_MARKDOWN_BYTES + " bytes; refused");
                }
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ClaudeImportException(ClaudeJson.relative(root, file) + " cannot be read as UTF-8 text: "
                        + e.getMessage(), e);
            }
            Optional<Map<String, String>> front = FrontMatter.read(text);
            String tools = front.map(m -> m.get("allowed-tools")).orElse("");
            if (!tools.isBlank()) {
                String kind = file.getFileName().toString().equals("SKILL.md") ? "the skill" : "the command";
                lines.add("allowed-tools: " + kind + " " + ClaudeJson.relative(root, file) + " pre-approves "
                        + UnsafeCharacters.escape(tools) + " in Claude Code; this is not a Warden permission and is shown"
                        + " for review only");
            }
        }
        return lines;
    }

    private static List<Path> list(Path dir) throws ClaudeImportException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new ClaudeImportException(dir + " cannot be listed: " + e.getMessage(), e);
        }
    }
}
