package dev.warden.manager.cli;

import dev.warden.manager.gateway.Gateway;
import dev.warden.manager.gateway.StdioGateway;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve every enabled plugin through one MCP server.",
            "",
            "An MCP client (Claude Desktop, Claude Code, an IDE) starts 'warden serve' and talks to it over",
            "standard input and output. Tools are the plugins' declared connectors, named",
            "<publisher>_<name>__<tool>; prompts are their skills and sub-agents; resources are their skill",
            "files. Each tool call runs inside its own plugin's grants and is written to the audit log.",
            "Installing, enabling, disabling or removing a plugin while serving updates the lists.",
            "Scheduled jobs of plugins run only while 'warden serve' runs.",
            "",
            "Deleting a file needs the person's answer, which cannot be asked here: deletions are declined."
        },
        footer = {"", "Claude Desktop (claude_desktop_config.json) or Claude Code (.mcp.json):",
            "  { \"mcpServers\": { \"warden\": { \"command\": \"/path/to/warden\", \"args\": [\"serve\"] } } }"})
final class ServeCommand extends BaseCommand {

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder ${workspace} stands for (default: the current folder).")
    Path workspace;

    @Override
    int execute() throws Exception {
        Path folder = (workspace == null ? Path.of("") : workspace).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw CommandException.usage("--workspace " + folder + " is not a folder");
        }
        Lifecycle lifecycle = Lifecycle.open(home(), context().env(), context().clock(), err(), Consent.none());
        // Standard output carries the protocol: everything Warden says goes to standard error.
        try (CapabilityBroker broker = context().brokers().create(lifecycle.store(), CapabilityBroker.Surroundings.of(folder,
                context().env(), path -> false, notice -> err().println(notice)))) {
            StdioGateway.serve(lifecycle, broker, Gateway.Settings.standard(), line -> {
                err().println(line);
                err().flush();
            }, System.in, System.out);
        }
        return ExitCode.OK;
    }
}
