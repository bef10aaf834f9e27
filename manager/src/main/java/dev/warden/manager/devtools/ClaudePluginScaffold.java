package dev.warden.manager.devtools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a new Claude Code plugin folder for {@code warden dev new --claude}, one that Claude Code and Warden both
 * install as it is: a {@code .claude-plugin/plugin.json}, a skill, and a {@code .mcp.json} that starts a small
 * zero-dependency Node.js MCP server with one tool, {@code greet}. Claude's manifest has no publisher; Warden
 * commands take it with {@code --publisher}, and the README the author gets says so.
 */
public final class ClaudePluginScaffold {

    /** The MCP tool the scaffold serves. */
    public static final String TOOL = "greet";

    private final String publisher;
    private final String name;

    /**
     * @throws IllegalArgumentException unless both parts are kebab-case, at most 64 characters
     */
    public ClaudePluginScaffold(String publisher, String name) {
        ProjectScaffold.requireKebab(publisher, name);
        this.publisher = publisher;
        this.name = name;
    }

    /**
     * Writes the plugin folder into {@code directory}, which must not exist or be empty. Nothing is written when it
     * refuses.
     *
     * @throws IllegalStateException if the folder exists and is not empty
     * @throws IOException if writing fails; files written so far are removed
     */
    public ProjectScaffold.Result writeTo(Path directory) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".claude-plugin/plugin.json", "claude/plugin.json.tmpl");
        files.put(".mcp.json", "claude/mcp.json.tmpl");
        files.put("README.md", "claude/README.md.tmpl");
        files.put("skills/greeting/SKILL.md", "claude/SKILL.md.tmpl");
        files.put("server/index.mjs", "claude/index.mjs.tmpl");
        return ProjectScaffold.write(directory, files, Map.of("publisher", publisher, "name", name));
    }
}
