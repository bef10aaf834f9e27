package dev.warden.manager.cli;

import dev.warden.manager.devtools.ProjectScaffold;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = {
            "Scaffold a plugin project that builds, lints and packs clean.",
            "",
            "Maven, depending on warden-plugin-api only, with one declared",
            "tool and its connector, a skill, and a build that lays the plugin out in target/plugin,",
            "ready for 'warden dev call' (build, sign with a development key, install and call) and 'warden release'."
        },
        footer = {"", "Example:", "  warden dev new acme/weather --dir weather && cd weather && warden dev call greet --input '{\"name\":\"Ada\"}'"})
final class DevNewCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The plugin id, publisher/name (both kebab-case).")
    String id;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the project (default: ./NAME).")
    Path dir;

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
        out().println("  cd " + result.directory() + " && warden dev call greet --input '{\"name\":\"Ada\"}'");
        out().println("  warden dev serve --watch       serve it to an MCP client, rebuilding on each change");
        return ExitCode.OK;
    }
}
