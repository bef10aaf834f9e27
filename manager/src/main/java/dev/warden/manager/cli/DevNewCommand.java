package dev.warden.manager.cli;

import dev.warden.manager.devtools.ClaudePluginScaffold;
import dev.warden.manager.devtools.ProjectScaffold;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {
            "Scaffold a plugin project that builds, lints and packs clean.",
            "",
            "Maven, depending on warden-plugin-api only, with one declared",
            "tool and its connector, a skill, and a build that lays the plugin out in target/plugin,",
            "ready for 'warden lint', 'pack' and 'sign'."
        },
        footer = {"", "Examples:", "  warden dev new acme/weather --dir weather && cd weather && mvn -q package",
            "  warden dev new --claude acme/hello    # a Claude Code plugin folder, with a Node.js MCP server"})
final class DevNewCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The plugin id, publisher/name (both kebab-case).")
    String id;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the project (default: ./NAME).")
    Path dir;

    @Option(names = "--claude", description = {"Scaffold a Claude Code plugin folder instead (.claude-plugin/plugin.json,",
        "a skill, and a zero-dependency Node.js MCP server in .mcp.json) that Claude Code and Warden",
        "both install; Warden commands take the publisher with --publisher."})
    boolean claude;

    @Override
    int execute() throws Exception {
        int slash = id.indexOf('/');
        if (slash <= 0 || slash != id.lastIndexOf('/') || slash == id.length() - 1) {
            throw new CommandException(ExitCode.USAGE, "plugin id '" + id + "' must be publisher/name, e.g. acme/weather");
        }
        ProjectScaffold scaffold;
        try {
            scaffold = new ProjectScaffold(id.substring(0, slash), id.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage());
        }
        Path target = dir != null ? dir : Path.of(id.substring(slash + 1));
        if (claude) {
            return claudePlugin(id.substring(0, slash), id.substring(slash + 1), target);
        }
        ProjectScaffold.Result result;
        try {
            result = scaffold.writeTo(target);
        } catch (IllegalStateException e) {
            throw CommandException.error(e.getMessage());
        }
        out().println("Created " + id + " in " + result.directory() + ":");
        result.files().forEach(f -> out().println("  " + result.directory().relativize(f)));
        out().println();
        out().println("Next:");
        out().println("  cd " + result.directory() + " && mvn -q package");
        out().println("  warden lint target/plugin && warden pack target/plugin");
        return ExitCode.OK;
    }

    /** {@code --claude}: a Claude Code plugin folder, and how to call its tool with Warden and list it for Claude Code. */
    private int claudePlugin(String publisher, String name, Path target) throws Exception {
        ProjectScaffold.Result result;
        try {
            result = new ClaudePluginScaffold(publisher, name).writeTo(target);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage());
        } catch (IllegalStateException e) {
            throw CommandException.error(e.getMessage());
        }
        Path folder = result.directory();
        out().println("Created the Claude Code plugin " + name + " (publisher " + publisher + " for Warden) in " + folder + ":");
        result.files().forEach(f -> out().println("  " + folder.relativize(f)));
        out().println();
        String warden = Optional.ofNullable(System.getProperty("warden.repository"))
                .map(root -> Path.of(root).resolve("warden").toString()).orElse("warden");
        out().println("Next:");
        out().println("  " + warden + " dev call " + folder + " " + ClaudePluginScaffold.TOOL
                + " --input '{\"name\":\"Ada\"}' --publisher " + publisher);
        out().println("  " + warden + " dev serve " + folder + " --watch --publisher " + publisher);
        out().println();
        out().println("In Claude Code: copy the folder to plugins/" + name + "/ of a marketplace repository, list it in its");
        out().println(".claude-plugin/marketplace.json, commit, then 'claude plugin marketplace add <repository>' and");
        out().println("'claude plugin install " + name + "@<marketplace>' (README.md says more).");
        return ExitCode.OK;
    }
}
