package dev.warden.manager.cli;

import dev.warden.manager.review.PluginContents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} form of {@link PluginContents} that {@code info} and {@code grants} print: every part
 * that runs a program or reaches a server, with its exact program and arguments and who runs it.
 */
final class ContentsJson {

    private ContentsJson() {
    }

    /** @return the skills, sub-agents and commands, each with the tools it pre-approves */
    static Map<String, Object> offers(PluginContents contents) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("skills", items(contents.skills()));
        json.put("agents", items(contents.agents()));
        json.put("commands", items(contents.commands()));
        return json;
    }

    /** @return hooks, MCP servers, LSP servers, monitors, bin/ programs, settings, unpinned code and problems */
    static Map<String, Object> runs(PluginContents contents) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("hooks", contents.hooks().stream().map(h -> {
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("event", h.event());
            hook.put("matcher", h.matcher());
            hook.put("type", h.type());
            hook.put("runs", h.action());
            return runByClaudeCode(hook, h);
        }).toList());
        json.put("mcpServers", contents.mcpServers().stream().map(s -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("name", s.name());
            server.put("transport", s.transport());
            server.put("program", s.program());
            server.put("args", s.args());
            server.put("url", s.url());
            server.put("host", s.host());
            server.put("declaredIn", s.where());
            server.put("secrets", s.secrets().stream().map(secret -> Map.of("in", secret.in(), "reference",
                    secret.reference(), "source", secret.source())).toList());
            server.put("runBy", s.runBy().text());
            server.put("runByWarden", s.runBy().warden());
            server.put("grants", s.runBy().grants());
            server.put("unpinned", s.unpinned().orElse(null));
            return server;
        }).toList());
        json.put("lspServers", contents.lspServers().stream().map(l -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("name", l.name());
            server.put("program", l.program());
            server.put("args", l.args());
            return runByClaudeCode(server, l);
        }).toList());
        json.put("monitors", contents.monitors().stream().map(m -> {
            Map<String, Object> monitor = new LinkedHashMap<>();
            monitor.put("name", m.name());
            monitor.put("runs", m.command());
            monitor.put("description", m.description());
            return runByClaudeCode(monitor, m);
        }).toList());
        json.put("programs", contents.programs().stream().map(p -> Map.of("path", p, "runBy",
                PluginContents.PROGRAMS_RUN_BY)).toList());
        json.put("settings", contents.settings());
        json.put("unpinned", contents.unpinned());
        json.put("problems", contents.problems());
        return json;
    }

    /** Adds where {@code part} is declared and that Claude Code, never Warden, runs it. */
    private static Map<String, Object> runByClaudeCode(Map<String, Object> json, PluginContents.RunByClaudeCode part) {
        json.put("declaredIn", part.where());
        json.put("runBy", part.runBy());
        json.put("runByWarden", false);
        json.put("unpinned", part.unpinned().orElse(null));
        return json;
    }

    private static List<Map<String, Object>> items(List<PluginContents.Item> items) {
        return items.stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", i.name());
            item.put("description", i.description());
            item.put("path", i.path());
            item.put("allowedTools", i.allowedTools());
            return item;
        }).toList();
    }
}
