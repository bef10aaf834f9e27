package dev.warden.manager.cli;

import dev.warden.catalog.manifest.Risk;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.state.PluginSummary;
import dev.warden.catalog.state.StateStore;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List installed plugins.", "",
            "Shows version, status, whether a trusted publisher signed each, how its code would run, and the",
            "highest risk of what it may do now.",
            "",
            "ISOLATION is 'process' where each plugin's code and MCP servers get their own bubblewrap sandbox;",
            "'in-process!' where bwrap is missing or cannot make a sandbox, so code runs inside Warden held only",
            "by bytecode checks and the capability broker; 'refused!' where policy requires process isolation",
            "and this machine cannot give it, so the plugins stay installed but do not run. A line under the",
            "table says why. Plugins of skills and sub-agents only run nothing, whatever the column says."})
final class ListCommand extends JsonCommand {

    @Override
    int execute() throws Exception {
        // The commit's small list index: no policy, trust, manifests or grants to parse, so listing stays fast.
        List<PluginSummary> plugins = new StateStore(home().root()).summaries();
        // Without a stored preference per plugin, every plugin gets this same decision; probed only if any is installed.
        IsolationDecision isolation = plugins.isEmpty() ? null
                : isolation(Lifecycle.policy(home()), IsolationRequest.AUTO);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PluginSummary p : plugins) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", p.id());
                row.put("version", p.version());
                row.put("status", p.status().name().toLowerCase(Locale.ROOT));
                row.put("verified", p.verified());
                row.put("risk", p.risk());
                row.put("isolation", isolation.verdict().id());
                row.put("isolationReason", isolation.reason());
                row.put("pendingVersion", p.pendingVersion().orElse(null));
                rows.add(row);
            }
            return printJson(rows);
        }
        if (plugins.isEmpty()) {
            out().println("No plugins installed. Install one with 'warden install FILE.wpk'.");
            return ExitCode.OK;
        }
        int width = Math.max(6, plugins.stream().mapToInt(p -> p.id().length()).max().orElse(6));
        String isolationMark = IsolationNotice.mark(isolation);
        StringBuilder table = new StringBuilder(plugins.size() * (width + 64));
        row(table, width, "PLUGIN", "VERSION", "STATUS", "SIGNED", "ISOLATION", "RISK");
        table.append(System.lineSeparator());
        for (PluginSummary p : plugins) {
            String status = p.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            row(table, width, p.id(), p.version(), status, p.verified() ? "verified" : "UNVERIFIED", isolationMark,
                    PermissionText.riskLabel(Risk.ofLevel(p.risk())));
            if (p.pendingVersion().isPresent()) {
                table.append("  (update ").append(p.pendingVersion().get()).append(" waits: warden review ")
                        .append(p.id()).append(')');
            }
            table.append(System.lineSeparator());
        }
        IsolationNotice.footnote(isolation).ifPresent(line -> table.append(line).append(System.lineSeparator()));
        out().print(table);
        return ExitCode.OK;
    }

    /**
     * Appends one line of the table but its end: each column but the last padded with spaces to its width (never cut), two spaces
     * between columns, as {@code String.format("%-Ws  %-10s  %-14s  %-10s  %-11s  %s%n")} would, without parsing a
     * format (or concatenating strings) for each of hundreds of rows.
     */
    private static void row(StringBuilder table, int width, String id, String version, String status, String signed,
            String isolation, String risk) {
        pad(table, id, width);
        pad(table, version, 10);
        pad(table, status, 14);
        pad(table, signed, 10);
        pad(table, isolation, 11);
        table.append(risk);
    }

    private static void pad(StringBuilder table, String column, int width) {
        String text = String.valueOf(column);
        table.append(text);
        for (int i = text.length(); i < width; i++) {
            table.append(' ');
        }
        table.append("  ");
    }
}
