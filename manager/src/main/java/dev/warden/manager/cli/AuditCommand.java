package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEntry;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.AuditVerification;
import dev.warden.catalog.state.StateStore;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show what Warden and its plugins did.", "",
            "The log is append-only JSON lines, each carrying the hash of the one before;",
            "'warden audit verify' proves no line was edited, removed or reordered."},
        subcommands = AuditCommand.Verify.class)
final class AuditCommand extends JsonCommand {

    @Option(names = "--plugin", paramLabel = "ID", description = "Only entries about this plugin (publisher/name).")
    String plugin;

    @Override
    int execute() throws Exception {
        Optional<PluginId> filter;
        try {
            filter = Optional.ofNullable(plugin).map(PluginId::parse);
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, "--plugin: " + e.getMessage());
        }
        List<AuditEntry> entries = new AuditLog(new StateStore(home().root()).auditDir()).read(filter);
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AuditEntry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seq", e.seq());
                row.put("time", e.time().toString());
                row.put("event", e.event());
                row.put("plugin", e.plugin().map(PluginId::toString).orElse(null));
                row.put("details", e.details());
                rows.add(row);
            }
            return printJson(rows);
        }
        if (entries.isEmpty()) {
            out().println("The audit log is empty.");
        }
        for (AuditEntry e : entries) {
            out().printf("%5d  %s  %-16s %-28s %s%n", e.seq(), e.time(), e.event(), e.plugin().map(PluginId::toString).orElse("-"),
                    UnsafeCharacters.escape(e.details().toString()));
        }
        return ExitCode.OK;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the audit log's hash chain.", "",
                "Exit 0 when intact; 4 naming the first bad line when a line was edited, removed, reordered, cut",
                "or added after the last finished append, or when the log is shorter than the state it explains.",
                "Appends that Warden accepted after an interruption are listed."})
    static final class Verify extends BaseCommand {
        @Override
        int execute() throws Exception {
            AuditVerification result = new StateStore(home().root()).verifyAudit();
            if (result.ok()) {
                out().printf("The audit log is intact: %d %s, each chained to the one before.%n", result.entries(),
                        result.entries() == 1 ? "entry" : "entries");
                if (!result.recovered().isEmpty()) {
                    out().println("Note: " + UnsafeCharacters.escape(result.message()));
                }
                return ExitCode.OK;
            }
            err().printf("warden: the audit log was altered: line %d: %s%n", result.firstBadLine().orElse(0L),
                    UnsafeCharacters.escape(result.message()));
            return ExitCode.INTEGRITY;
        }
    }
}
