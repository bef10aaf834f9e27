package dev.warden.manager.review;

import dev.warden.manager.config.UserConfig;

import dev.warden.catalog.manifest.PluginManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything an extracted plugin holds that an agent loads or a program runs, as the review, {@code info} and
 * {@code grants} list it: skills, sub-agents and commands (with the tools they pre-approve), hooks, MCP servers
 * (with the secrets they are given), LSP servers, monitors, {@code bin/} programs and default settings. Each
 * runnable part says who runs it: Warden, under which grant, or no one under Warden.
 *
 * @param skills     {@code skills/<name>/SKILL.md}, or the folders the manifest's {@code skills} names instead
 * @param agents     {@code agents/*.md}, or the files the manifest's {@code agents} names instead
 * @param commands   {@code commands/**.md}, or the files the manifest's {@code commands} names instead
 * @param hooks      every hook of {@code hooks/hooks.json} and of the manifest's {@code hooks}
 * @param mcpServers the MCP servers of {@code .mcp.json} and of the manifest's {@code mcpServers}, read the way
 *                   {@code warden serve} reads them
 * @param lspServers the LSP servers of {@code .lsp.json} and of the manifest's {@code lspServers}
 * @param monitors   the monitors of {@code monitors/monitors.json} and of the manifest's {@code monitors}
 * @param programs   the files under {@code bin/}, relative to the plugin folder
 * @param settings   the top-level settings of {@code settings.json}, each as {@code key = value}
 * @param problems   what could not be read, in words for the person; never silently left out
 */
public record PluginContents(List<Item> skills, List<Item> agents, List<Item> commands, List<Hook> hooks,
                             List<McpServer> mcpServers, List<LspServer> lspServers, List<Monitor> monitors,
                             List<String> programs, List<String> settings, List<String> problems) {

    /** Hooks run on the agent's events inside Claude Code; Warden has no such events and runs none of them. */
    public static final String HOOKS_RUN_BY = "no one under Warden: Warden never runs hooks; Claude Code would run it"
            + " on this event if you installed the plugin there";
    public static final String LSP_RUN_BY = "no one under Warden: Warden never starts LSP servers; Claude Code would"
            + " start it when you open a matching file";
    public static final String MONITOR_RUN_BY = "no one under Warden: Warden never starts monitors; Claude Code would"
            + " run it for the whole session and pass its output to the model";
    public static final String PROGRAMS_RUN_BY = "no one under Warden: Claude Code puts bin/ on the PATH of its Bash"
            + " tool; Warden runs a program only under a process.exec grant";
    public static final String SETTINGS_APPLIED_BY = "no one under Warden: Claude Code would apply them as defaults"
            + " while the plugin is enabled";

    /**
     * One skill, sub-agent or command.
     *
     * @param name         the front matter's {@code name}, else the file's name without {@code .md} (a skill's folder
     *                     name); the gateway serves it as a prompt under this name
     * @param path         where it is, relative to the plugin folder
     * @param allowedTools the tools its front matter pre-approves ({@code allowed-tools}), which Claude Code then
     *                     uses without asking; not a Warden permission
     */
    public record Item(String name, String description, String path, List<String> allowedTools) {
        public Item {
            allowedTools = List.copyOf(allowedTools);
        }

        public Item(String name, String description, String path) {
            this(name, description, path, List.of());
        }
    }

    /** A part Claude Code runs and Warden never does: hooks, LSP servers and monitors. */
    public sealed interface RunByClaudeCode permits Hook, LspServer, Monitor {
        /** @return the file or field that declares it */
        String where();

        /** @return who runs it, in words */
        String runBy();

        /** @return why it fetches unpinned code at each run, if it does */
        Optional<String> unpinned();
    }

    /**
     * One hook.
     *
     * @param event   the agent event it runs on ({@code PreToolUse})
     * @param matcher the tools it is limited to, or empty for every one
     * @param type    {@code command} (a shell command line), {@code prompt}, {@code agent} or {@code http}
     * @param action  the exact shell command line, prompt or URL
     * @param where   the file or field that declares it
     * @param unpinned why its command fetches unpinned code at each run, if it does
     */
    public record Hook(String event, String matcher, String type, String action, String where, Optional<String> unpinned)
            implements RunByClaudeCode {
        public String runBy() {
            return HOOKS_RUN_BY;
        }
    }

    /**
     * One MCP server.
     *
     * @param transport {@code stdio}, or {@code remote} for a server reached by URL
     * @param program   the program a stdio server starts, as written; empty for a remote server
     * @param args      its arguments as written
     * @param url       a remote server's URL; empty for a stdio server
     * @param host      a remote server's host; empty for a stdio server
     * @param secrets   every value it is given from outside the plugin, with where that value comes from
     * @param runBy     who starts it: Warden under which grants, or why Warden does not
     * @param unpinned  why it fetches unpinned code at each start, if it does
     */
    public record McpServer(String name, String where, String transport, String program, List<String> args,
                            String url, String host, List<Secret> secrets, RunBy runBy, Optional<String> unpinned) {
        public McpServer {
            args = List.copyOf(args);
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * Who runs a part.
     *
     * @param warden whether Warden runs it as the plugin is declared
     * @param grants the grants Warden runs it under ({@code kind scope}); empty when Warden does not run it
     * @param text   the same in words, naming the reason when Warden does not run it
     */
    public record RunBy(boolean warden, List<String> grants, String text) {
        public RunBy {
            grants = List.copyOf(grants);
        }

        static RunBy nobody(String why) {
            return new RunBy(false, List.of(), why);
        }
    }

    /**
     * A value a server receives from outside the plugin.
     *
     * @param in        where it goes: {@code env NAME}, {@code header NAME} or {@code argument N}
     * @param reference the {@code ${...}} reference as written
     * @param source    what fills it in: a secret the person stores, or nothing under Warden
     */
    public record Secret(String in, String reference, String source) {
    }

    /** One LSP server: the program and arguments Claude Code would start. */
    public record LspServer(String name, String program, List<String> args, String where, Optional<String> unpinned)
            implements RunByClaudeCode {
        public LspServer {
            args = List.copyOf(args);
        }

        public String runBy() {
            return LSP_RUN_BY;
        }
    }

    /** One monitor: the shell command line Claude Code would run for the whole session. */
    public record Monitor(String name, String command, String description, String where, Optional<String> unpinned)
            implements RunByClaudeCode {
        public String runBy() {
            return MONITOR_RUN_BY;
        }
    }

    public PluginContents {
        skills = List.copyOf(skills);
        agents = List.copyOf(agents);
        commands = List.copyOf(commands);
        hooks = List.copyOf(hooks);
        mcpServers = List.copyOf(mcpServers);
        lspServers = List.copyOf(lspServers);
        monitors = List.copyOf(monitors);
        programs = List.copyOf(programs);
        settings = List.copyOf(settings);
        problems = List.copyOf(problems);
    }

    /**
     * Reads the plugin folder together with the manifest's Claude fields, which may declare parts elsewhere.
     *
     * @param pluginDir the extracted plugin (staging at install, the installed version's folder after)
     * @param manifest  its manifest
     * @return what it holds; what cannot be read is in {@link #problems}, never thrown
     */
    public static PluginContents of(Path pluginDir, PluginManifest manifest) {
        return of(pluginDir, manifest, PluginContentsReader.declared(Objects.requireNonNull(manifest)));
    }

    /**
     * As {@link #of(Path, PluginManifest)}, with the plugin's options and their values: a remote server's URL is shown
     * filled in, and each {@code ${user_config.KEY}} says the value it will get.
     */
    public static PluginContents of(Path pluginDir, PluginManifest manifest, UserConfig config) {
        return new PluginContentsReader(Objects.requireNonNull(pluginDir), Objects.requireNonNull(manifest),
                Objects.requireNonNull(config)).read();
    }

    /** @return whether anything of it runs a program or reaches a server, whoever runs it */
    public boolean runsAnything() {
        return !hooks.isEmpty() || !mcpServers.isEmpty() || !lspServers.isEmpty() || !monitors.isEmpty()
                || !programs.isEmpty();
    }

    /** @return every part whose code is fetched unpinned at each start, as {@code what: why} */
    public List<String> unpinned() {
        List<String> lines = new ArrayList<>();
        mcpServers.forEach(s -> s.unpinned().ifPresent(u -> lines.add("the MCP server " + s.name() + ": " + u)));
        hooks.forEach(h -> h.unpinned().ifPresent(u -> lines.add("the " + h.event() + " hook: " + u)));
        lspServers.forEach(l -> l.unpinned().ifPresent(u -> lines.add("the LSP server " + l.name() + ": " + u)));
        monitors.forEach(m -> m.unpinned().ifPresent(u -> lines.add("the monitor " + m.name() + ": " + u)));
        return lines;
    }

    /**
     * @return one line per part that runs something or pre-approves tools, each naming the part and its exact
     *     command line, so that two versions can be compared line by line
     */
    public List<String> partLines() {
        List<String> lines = new ArrayList<>();
        unpinned().forEach(u -> lines.add("unpinned: " + u));
        for (McpServer s : mcpServers) {
            lines.add("MCP server " + s.name() + ": " + (s.transport().equals("remote") ? s.url()
                    : String.join(" ", Stream.concat(Stream.of(s.program()), s.args().stream()).toList()))
                    + (s.secrets().isEmpty() ? "" : " (receives " + String.join(", ", s.secrets().stream()
                    .map(x -> x.reference() + " in " + x.in()).toList()) + ")"));
        }
        hooks.forEach(h -> lines.add("hook on " + h.event() + (h.matcher().isEmpty() ? "" : " for " + h.matcher()) + ": "
                + h.type() + " " + h.action() + " (never run by Warden)"));
        lspServers.forEach(l -> lines.add("LSP server " + l.name() + ": " + String.join(" ", Stream.concat(
                Stream.of(l.program()), l.args().stream()).toList()) + " (never run by Warden)"));
        monitors.forEach(m -> lines.add("monitor " + m.name() + ": " + m.command() + " (never run by Warden)"));
        programs.forEach(p -> lines.add("program " + p + " (on Claude Code's PATH; never run by Warden without process.exec)"));
        settings.forEach(x -> lines.add("setting " + x));
        preApprovedTools().forEach((path, tools) -> lines.add("allowed-tools of " + path + ": " + String.join(", ", tools)));
        return lines;
    }

    /** @return the tools pre-approved by skills and commands, as {@code path: tools} */
    public Map<String, List<String>> preApprovedTools() {
        Map<String, List<String>> tools = new LinkedHashMap<>();
        for (List<Item> items : List.of(skills, commands, agents)) {
            items.stream().filter(i -> !i.allowedTools().isEmpty()).forEach(i -> tools.put(i.path(), i.allowedTools()));
        }
        return tools;
    }
}
