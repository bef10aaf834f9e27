package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.manager.lifecycle.PendingReview;
import dev.warden.manager.lifecycle.ToolReview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "review", mixinStandardHelpOptions = true,
        description = {
            "Show an update that waits for your approval, and approve or reject it.",
            "",
            "Approving grants what the new version asks for and enables the plugin at the new version;",
            "rejecting keeps the installed version and enables it again.",
            "",
            "Also shows the tools of the plugin's MCP servers that changed, or appeared, since you approved",
            "them: 'warden serve' does not offer them until you approve them here."
        },
        footer = {"", "Examples:", "  warden review acme/weather", "  warden review acme/weather --yes", "  warden review acme/weather --reject"})
final class ReviewCommand extends PluginCommand {

    @Option(names = "--yes", description = "Approve the shown difference without asking.")
    boolean yes;

    @Option(names = "--reject", description = "Reject the update; the installed version stays.")
    boolean reject;

    @Override
    int execute() throws Exception {
        if (yes && reject) {
            throw new CommandException(ExitCode.USAGE, "--yes and --reject contradict each other");
        }
        var lifecycle = lifecycle();
        var decision = yes ? PendingReview.Decision.APPROVE : reject ? PendingReview.Decision.REJECT : PendingReview.Decision.ASK;
        var state = lifecycle.store().read();
        PluginId plugin = pluginId(id, state);
        boolean update = state.plugin(plugin).flatMap(InstalledPlugin::pending).isPresent();
        boolean tools = ToolReview.waiting(lifecycle, plugin);
        if (update || !tools) {
            show(new PendingReview(lifecycle, plugin, decision).run());
        }
        if (tools) {
            int approved = new ToolReview(lifecycle, plugin, decision).run();
            if (approved > 0) {
                out().printf("Approved %d tool(s) of %s; a running 'warden serve' offers them within seconds.%n", approved, plugin);
            } else {
                out().printf("The tools stay disabled; %s's other tools are offered as before.%n", plugin);
            }
        }
        return ExitCode.OK;
    }
}
