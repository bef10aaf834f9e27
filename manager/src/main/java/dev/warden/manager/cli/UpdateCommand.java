package dev.warden.manager.cli;

import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = {
            "Update an installed plugin from a newer signed bundle.",
            "",
            "An update that asks for nothing beyond what you granted is applied. One that asks for more",
            "(a riskier permission, a wider scope, a changed tool description or MCP server) is applied",
            "only if you approve it at the prompt; otherwise the plugin is disabled until 'warden review'.",
            "--yes never approves new permissions, so scripted and scheduled updates stay safe (exit 3",
            "when an update waits for review)."
        },
        footer = {"", "Example:", "  warden update acme/weather --from acme-weather-1.3.0.wpk --yes"})
final class UpdateCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "The installed plugin (publisher/name, or a unique name).")
    String id;

    @Option(names = "--from", required = true, paramLabel = "FILE.wpk", description = "The new bundle (marketplace updates come later).")
    Path bundle;

    @Option(names = "--allow-unverified", description = "Accept a bundle no publisher you trust signed (policy may forbid it).")
    boolean allowUnverified;

    @Option(names = "--yes", description = "Apply without asking when nothing new needs approval.")
    boolean yes;

    @Override
    int execute() throws Exception {
        var lifecycle = lifecycle();
        var pluginId = pluginId(id, lifecycle.store().read());
        if (!Files.isRegularFile(bundle)) {
            throw CommandException.error(bundle + ": no such bundle file");
        }
        InstallResult result = new Installation(lifecycle, bundle,
                new Installation.Options(yes, false, allowUnverified, java.util.Optional.of(pluginId))).run();
        return result.outcome() == InstallResult.Outcome.PENDING_REVIEW ? ExitCode.REFUSED : ExitCode.OK;
    }
}
