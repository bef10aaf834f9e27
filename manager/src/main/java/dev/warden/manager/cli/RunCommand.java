package dev.warden.manager.cli;

import dev.warden.api.ToolResult;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.host.Isolation;
import dev.warden.manager.host.PluginHost;
import dev.warden.manager.host.ToolOutcome;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Call one tool of an installed, enabled plugin, inside the plugin's grants.",
            "",
            "The plugin is loaded on its own with its code checked again, the input is checked against the",
            "tool's declared schema, and every file, network or other capability use is checked against",
            "what you granted and written to the audit log ('warden audit --plugin ID').",
            "${workspace} in the plugin's permissions is --workspace (default: the current folder)."
        },
        footer = {"", "Examples:",
            "  warden run warden-samples/notes add --input '{\"text\":\"call the plumber\"}'",
            "  warden run warden-samples/tidy plan --input '{\"folder\":\"Downloads\"}' --workspace ~",
            "",
            "Exit codes: 0 the tool answered, 1 the tool reported an error or failed, 2 unknown tool or bad",
            "input, 3 the plugin is not enabled, Warden denied a capability use the tool needed, or the",
            "isolation asked for (or required by policy) cannot be given on this machine."})
final class RunCommand extends PluginCommand {

    @Parameters(index = "1", paramLabel = "TOOL", description = "The tool, as the plugin declares it ('warden info ID' lists them).")
    String tool;

    @Option(names = "--input", paramLabel = "JSON", description = "The tool's input, a JSON object (default: {}).")
    String input = "{}";

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder ${workspace} stands for (default: the current folder).")
    Path workspace;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Abandon the call after this long (default: 60).")
    long timeoutSeconds = 60;

    @Option(names = "--json", description = "Print the result as JSON: content, format, isError, outcome.")
    boolean json;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto", converter = IsolationRequestConverter.class,
            completionCandidates = IsolationRequestConverter.Modes.class, description = IsolationRequestConverter.DESCRIPTION)
    IsolationRequest isolation;

    @Override
    int execute() throws Exception {
        if (timeoutSeconds < 1) {
            throw CommandException.usage("--timeout must be at least 1 second, was " + timeoutSeconds);
        }
        Path folder = workspace(workspace);
        Lifecycle lifecycle = lifecycle();
        PluginId pluginId = pluginId(id, lifecycle.store().read());
        InstalledPlugin plugin = lifecycle.store().read().plugin(pluginId)
                .orElseThrow(() -> CommandException.error(pluginId + " is not installed (see 'warden list')"));
        refuseUnlessEnabled(plugin);
        // A wrong tool or input is said before any plugin code is loaded.
        PluginHost.checkCall(lifecycle.installedManifest(plugin), tool, input);

        IsolationDecision placed = isolation(lifecycle.policy(), isolation);
        placed.require();
        PluginHost.Limits limits = PluginHost.Limits.standard().withCall(Duration.ofSeconds(timeoutSeconds));
        try (CapabilityBroker broker = broker(lifecycle, folder);
             PluginHost host = PluginHost.start(lifecycle, broker::contextFor, pluginId::equals, limits,
                     Isolation.of(placed, broker))) {
            if (!host.running().contains(pluginId)) {
                String reason = host.problems().stream().map(PluginHost.Problem::reason).findFirst().orElse("it did not start");
                throw CommandException.error(pluginId + " could not be started: " + reason);
            }
            ToolOutcome outcome = host.call(pluginId, tool, input);
            print(outcome);
            return switch (outcome.kind()) {
                case OK -> ExitCode.OK;
                case DENIED -> ExitCode.REFUSED;
                case ERROR, FAILED -> ExitCode.ERROR;
            };
        }
    }

    private CapabilityBroker broker(Lifecycle lifecycle, Path folder) {
        return context().brokers().create(lifecycle.store(), CapabilityBroker.Surroundings.of(folder, context().env(),
                path -> {
                    try {
                        return confirm("Let " + id + " move " + UnsafeCharacters.escape(path) + " to Warden's trash?", false);
                    } catch (IOException e) {
                        // an answer that cannot be read is no consent: the deletion is refused
                        return false;
                    }
                },
                notice -> err().println(notice)));
    }

    private static void refuseUnlessEnabled(InstalledPlugin plugin) throws CommandException {
        PluginId id = plugin.id();
        switch (plugin.status()) {
            case ENABLED -> { }
            case DISABLED -> throw CommandException.refused(id + " is disabled; 'warden enable " + id + "' turns it back on");
            case PENDING_REVIEW -> throw CommandException.refused(id + " waits for the review of an update; run 'warden review " + id + "'");
            case QUARANTINED -> throw CommandException.refused(id + " is quarantined after repeated denied capability uses;"
                    + " see 'warden audit --plugin " + id + "', then 'warden enable " + id + "' if you trust it");
        }
    }

    private void print(ToolOutcome outcome) {
        ToolResult result = outcome.result();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("content", result.content());
            out.put("format", result.format().name().toLowerCase(java.util.Locale.ROOT));
            out.put("isError", result.isError());
            out.put("outcome", outcome.kind().id());
            JsonOut.print(out(), out);
            return;
        }
        // Tool output comes from plugin code: escapes and control characters never reach the terminal raw.
        String text = UnsafeCharacters.escapeMultiline(result.content());
        if (result.isError()) {
            err().println("error: " + text);
        } else {
            out().println(text);
        }
    }
}
