package dev.warden.manager.cli;

import dev.warden.manager.devtools.ClaudePluginScaffold;
import dev.warden.manager.devtools.MavenLocalRepository;
import dev.warden.manager.devtools.PluginApiArtifact;
import dev.warden.manager.devtools.ProjectScaffold;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {
            "Scaffold a plugin project that builds, lints and packs clean.",
            "",
            "Maven, depending on warden-plugin-api only, with one declared",
            "tool and its connector, a skill, and a build that lays the plugin out in target/plugin.",
            "Installs the plugin API this Warden runs with into your local Maven repository",
            "(~/.m2/repository, or the <localRepository> of ~/.m2/settings.xml), so the project builds",
            "without building Warden. Then 'warden dev call' builds, signs with a development key,",
            "installs and calls a tool in one step, and 'warden release' publishes it signed."
        },
        footer = {"", "Examples:", "  warden dev new acme/weather && warden dev call weather greet --input '{\"name\":\"Ada\"}'",
            "  warden dev new --claude acme/hello    # a Claude Code plugin folder, with a Node.js MCP server"})
final class DevNewCommand extends BaseCommand {

    /** What a shell takes as one word without quotes. */
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

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
        // The API first: a project written where it cannot build would only fail later, at mvn package.
        PluginApiArtifact api = PluginApiArtifact.ofThisWarden();
        Path userHome = home().userHome();
        PluginApiArtifact.Installation installed = api.installInto(MavenLocalRepository.locate(userHome, context().env()));
        ProjectScaffold.Result result;
        try {
            result = scaffold.writeTo(target);
        } catch (IllegalStateException e) {
            throw CommandException.error(e.getMessage());
        }
        String shown = shown(result.directory());
        out().println("Created " + id + " in " + shown + ":");
        result.files().forEach(f -> out().println("  " + result.directory().relativize(f)));
        out().println();
        String repository = tilde(installed.repository(), userHome);
        out().println(installed.written()
                ? "Installed the plugin API " + api.version() + " into " + repository + " so the project builds."
                : "The plugin API " + api.version() + " is already in " + repository + ", so the project builds.");
        out().println();
        // Tests run the lines right under "Next:" as the steps; an aside comes after a blank line.
        String warden = quoted(QuickstartCommand.launcher());
        out().println("Next: build, sign with a development key, install and call the tool in one command:");
        out().println("  " + warden + " dev call " + shown + " " + ProjectScaffold.SAMPLE_TOOL
                + " --input " + quoted(ProjectScaffold.SAMPLE_INPUT));
        out().println();
        out().println("  " + warden + " dev serve " + shown + " --watch   # serve it to an MCP client, rebuilding on each change");
        return ExitCode.OK;
    }

    /** The folder as the person would type it here: relative when inside the current folder, quoted for a shell. */
    private static String shown(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        Path relative = absolute.startsWith(here) ? here.relativize(absolute) : absolute;
        return quoted(relative.toString().isEmpty() ? "." : relative.toString());
    }

    /** {@code ~/...} for a folder in the person's home, as they would write it. */
    private static String tilde(Path folder, Path userHome) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path home = userHome.toAbsolutePath().normalize();
        return absolute.startsWith(home) && !absolute.equals(home) ? "~/" + home.relativize(absolute) : absolute.toString();
    }

    private static String quoted(String word) {
        return SHELL_WORD.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
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
        out().println("Created the Claude Code plugin " + name + " (publisher " + publisher + " for Warden) in " + shown(folder) + ":");
        result.files().forEach(f -> out().println("  " + folder.relativize(f)));
        out().println();
        String shown = shown(folder);
        String warden = quoted(QuickstartCommand.launcher());
        // Tests run the lines right under "Next:" as the steps; an aside comes after a blank line.
        out().println("Next: sign with a development key, install and call the tool in one command:");
        out().println("  " + warden + " dev call " + shown + " " + ClaudePluginScaffold.TOOL
                + " --input " + quoted(ProjectScaffold.SAMPLE_INPUT) + " --publisher " + publisher);
        out().println();
        out().println("  " + warden + " dev serve " + shown + " --watch --publisher " + publisher
                + "   # serve it to an MCP client, reloading on each change");
        out().println();
        out().println("Release it signed, for Claude Code and Warden alike (a git marketplace is made when DIR is new):");
        out().println("  " + warden + " release " + shown + " --key ~/keys/" + publisher + ".key --git-marketplace DIR");
        out().println("  claude plugin marketplace add DIR && claude plugin install " + name + "@<marketplace>");
        return ExitCode.OK;
    }
}
