package dev.warden.manager.cli;

import dev.warden.api.manifest.Permission;
import dev.warden.api.manifest.Risk;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List installed plugins: version, status, whether a trusted publisher signed them, and the",
            "highest risk of what they may do now."})
final class ListCommand extends BaseCommand {

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    int execute() throws Exception {
        // Reads the committed state only: no policy, trust or manifests, so listing stays fast.
        WardenState state = new StateStore(home().root()).read();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (InstalledPlugin p : state.plugins().values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.id().toString());
                row.put("version", p.version().toString());
                row.put("status", p.status().name().toLowerCase(Locale.ROOT));
                row.put("verified", p.verified());
                row.put("risk", risk(state, p).level());
                row.put("pendingVersion", p.pending().map(u -> u.version().toString()).orElse(null));
                rows.add(row);
            }
            JsonOut.print(out(), rows);
            return ExitCode.OK;
        }
        if (state.plugins().isEmpty()) {
            out().println("No plugins installed. Install one with 'warden install FILE.wpk'.");
            return ExitCode.OK;
        }
        int width = Math.max(6, state.plugins().keySet().stream().mapToInt(id -> id.toString().length()).max().orElse(6));
        StringBuilder table = new StringBuilder();
        table.append(String.format("%-" + width + "s  %-10s  %-14s  %-10s  %s%n", "PLUGIN", "VERSION", "STATUS", "SIGNED", "RISK"));
        for (InstalledPlugin p : state.plugins().values()) {
            String status = p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            table.append(String.format("%-" + width + "s  %-10s  %-14s  %-10s  %s%s%n", p.id(), p.version(), status,
                    p.verified() ? "verified" : "UNVERIFIED", PermissionText.riskLabel(risk(state, p)),
                    p.pending().map(u -> "  (update " + u.version() + " waits: warden review " + p.id() + ")").orElse("")));
        }
        out().print(table);
        return ExitCode.OK;
    }

    private static Risk risk(WardenState state, InstalledPlugin plugin) {
        Risk highest = Risk.NONE;
        for (Permission p : state.grants(plugin.id()).active()) {
            if (p.risk().level() > highest.level()) {
                highest = p.risk();
            }
        }
        return highest;
    }
}
