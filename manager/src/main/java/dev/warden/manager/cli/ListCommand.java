package dev.warden.manager.cli;

import dev.warden.api.manifest.Risk;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.state.PluginSummary;
import dev.warden.catalog.state.StateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List installed plugins.", "",
            "Shows version, status, whether a trusted publisher signed each, and the highest risk of what",
            "it may do now."})
final class ListCommand extends BaseCommand {

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    int execute() throws Exception {
        // The commit's small list index: no policy, trust, manifests or grants to parse, so listing stays fast.
        List<PluginSummary> plugins = new StateStore(home().root()).summaries();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PluginSummary p : plugins) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.id());
                row.put("version", p.version());
                row.put("status", p.status().name().toLowerCase(Locale.ROOT));
                row.put("verified", p.verified());
                row.put("risk", p.risk());
                row.put("pendingVersion", p.pendingVersion().orElse(null));
                rows.add(row);
            }
            JsonOut.print(out(), rows);
            return ExitCode.OK;
        }
        if (plugins.isEmpty()) {
            out().println("No plugins installed. Install one with 'warden install FILE.wpk'.");
            return ExitCode.OK;
        }
        int width = Math.max(6, plugins.stream().mapToInt(p -> p.id().length()).max().orElse(6));
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-" + width + "s  %-10s  %-14s  %-10s  %s%n", "PLUGIN", "VERSION", "STATUS", "SIGNED", "RISK"));
        for (PluginSummary p : plugins) {
            String status = p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            table.append(String.format("%-" + width + "s  %-10s  %-14s  %-10s  %s%s%n", p.id(), p.version(), status,
                    p.verified() ? "verified" : "UNVERIFIED", PermissionText.riskLabel(Risk.ofLevel(p.risk())),
                    p.pendingVersion().map(v -> "  (update " + v + " waits: warden review " + p.id() + ")").orElse("")));
        }
        out().print(table);
        return ExitCode.OK;
    }
}
