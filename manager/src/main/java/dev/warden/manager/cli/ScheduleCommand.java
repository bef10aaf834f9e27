package dev.warden.manager.cli;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.permissions.Schedule;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.Grants;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.ScheduleRun;
import dev.warden.manager.runtime.ScheduleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {
            "See, pause and resume the schedules plugins run on.",
            "",
            "A plugin's task runs on a granted schedule only while 'warden serve' runs, the plugin is enabled",
            "and the schedule is not paused; each run is stopped at the schedule's maximum run time.",
            "Pausing is kept in $WARDEN_HOME/schedules.json and reaches a running gateway at the next firing;",
            "the newest 100 runs of each plugin are kept in $WARDEN_HOME/schedules/runs/."
        },
        subcommands = {ScheduleCommand.ListSchedules.class, ScheduleCommand.Pause.class, ScheduleCommand.Resume.class,
            ScheduleCommand.Runs.class})
final class ScheduleCommand extends CommandGroup {

    /** The plugin's effective schedules, in the order its manifest declares them. */
    static List<Schedule> granted(Lifecycle lifecycle, WardenState state, InstalledPlugin plugin) throws Exception {
        PluginManifest manifest = lifecycle.installedManifest(plugin);
        List<Permission> effective = Grants.effective(state.grants(plugin.id()), manifest.permissions(), lifecycle.policy());
        return effective.stream().map(Schedule::of).flatMap(Optional::stream).toList();
    }

    static String status(InstalledPlugin plugin) {
        return plugin.status().name().toLowerCase(Locale.ROOT);
    }

    static String took(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Show each installed plugin's granted schedules: cron, maximum run time, whether paused,",
                "the plugin's status, and the last run with its outcome."})
    static final class ListSchedules extends JsonCommand {

        @Override
        int execute() throws Exception {
            Lifecycle lifecycle = lifecycle();
            WardenState state = lifecycle.store().read();
            ScheduleStore store = new ScheduleStore(home().root());
            Map<PluginId, Set<String>> paused = store.paused();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (InstalledPlugin plugin : state.plugins().values()) {
                List<ScheduleRun> runs = store.runs(plugin.id());
                for (Schedule schedule : granted(lifecycle, state, plugin)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("plugin", plugin.id().toString());
                    row.put("schedule", schedule.cron());
                    row.put("maxRuntimeSeconds", schedule.maxSeconds());
                    row.put("maxRuntime", schedule.maxText());
                    row.put("paused", paused.getOrDefault(plugin.id(), Set.of()).contains(schedule.cron()));
                    row.put("status", status(plugin));
                    row.put("lastRun", runs.stream().filter(r -> r.schedule().equals(schedule.cron()))
                            .reduce((first, second) -> second).map(ScheduleRun::toJson).orElse(null));
                    rows.add(row);
                }
            }
            if (json) {
                return printJson(rows);
            }
            if (rows.isEmpty()) {
                out().println("No installed plugin has a granted schedule.");
                return ExitCode.OK;
            }
            int width = Math.max(6, rows.stream().mapToInt(r -> r.get("plugin").toString().length()).max().orElse(6));
            int cronWidth = Math.max(8, rows.stream().mapToInt(r -> r.get("schedule").toString().length()).max().orElse(8));
            StringBuilder table = new StringBuilder(String.format("%-" + width + "s  %-" + cronWidth + "s  %-5s  %-14s  %-6s  %s%n",
                    "PLUGIN", "SCHEDULE", "MAX", "STATUS", "PAUSED", "LAST RUN"));
            for (Map<String, Object> row : rows) {
                @SuppressWarnings("unchecked")
                Map<String, Object> last = (Map<String, Object>) row.get("lastRun");
                table.append(String.format("%-" + width + "s  %-" + cronWidth + "s  %-5s  %-14s  %-6s  %s%n", row.get("plugin"),
                        UnsafeCharacters.escape((String) row.get("schedule")), row.get("maxRuntime"),
                        row.get("status").toString().replace('_', ' '), (boolean) row.get("paused") ? "yes" : "no",
                        last == null ? "never" : last.get("time") + " " + last.get("outcome")
                                + " (" + took(Duration.ofMillis((long) last.get("durationMillis"))) + ")"));
            }
            out().print(table);
            return ExitCode.OK;
        }
    }

    /** Pause and resume: the same arguments, the same checks, one change to {@code schedules.json} and one audit entry. */
    abstract static class PauseOrResume extends PluginCommand {

        @Parameters(index = "1", arity = "0..1", paramLabel = "CRON",
                description = "One schedule, as 'warden schedule list' shows it; all of the plugin's when left out.")
        String cron;

        abstract boolean pausing();

        @Override
        int execute() throws Exception {
            String verb = pausing() ? "pause" : "resume";
            Optional<String> one = cron == null ? Optional.empty() : Optional.of(cronOf(cron));
            Lifecycle lifecycle = lifecycle();
            record Changed(PluginId plugin, Set<String> schedules) {
            }
            Changed changed = lifecycle.change("schedule " + verb + " " + id, state -> {
                PluginId pluginId = pluginId(id, state);
                InstalledPlugin plugin = state.plugin(pluginId)
                        .orElseThrow(() -> CommandException.error(pluginId + " is not installed (see 'warden list')"));
                List<String> granted = granted(lifecycle, state, plugin).stream().map(Schedule::cron).distinct().toList();
                ScheduleStore store = new ScheduleStore(home().root());
                Set<String> paused = store.paused().getOrDefault(pluginId, Set.of());
                if (pausing() && granted.isEmpty()) {
                    throw CommandException.error(pluginId + " has no granted schedules; nothing to pause");
                }
                if (one.isPresent() && !granted.contains(one.get()) && !(paused.contains(one.get()) && !pausing())) {
                    throw CommandException.error(pluginId + " has no granted schedule '" + UnsafeCharacters.escape(one.get())
                            + "'; its schedules are " + granted + " (see 'warden schedule list')");
                }
                List<String> targets = one.map(List::of).orElse(pausing() ? granted : List.copyOf(paused));
                Set<String> done = pausing() ? store.pause(pluginId, targets) : store.resume(pluginId, targets);
                if (done.isEmpty()) {
                    return Change.none(new Changed(pluginId, done));
                }
                return Change.audited(pausing() ? AuditEvent.SCHEDULE_PAUSE : AuditEvent.SCHEDULE_RESUME, Optional.of(pluginId),
                        Map.of("schedules", List.copyOf(done)), new Changed(pluginId, done));
            });
            PluginId pluginId = changed.plugin();
            if (changed.schedules().isEmpty()) {
                out().println(pluginId + ": " + (pausing() ? "already paused" : "nothing is paused") + ".");
            } else {
                out().println((pausing() ? "Paused " : "Resumed ") + pluginId + ": " + String.join(", ", changed.schedules()) + ".");
            }
            return ExitCode.OK;
        }

        /** The cron expression of a schedule as given: the five fields, or a whole scope with {@code ; max=}. */
        private static String cronOf(String given) throws CommandException {
            try {
                PermissionKind.SCHEDULE.riskOf(given);
            } catch (IllegalArgumentException e) {
                throw CommandException.usage("CRON: " + e.getMessage());
            }
            return Schedule.parse(given).cron();
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Stop a plugin's schedules from firing until resumed; runs under way finish.", "",
                "Written to $WARDEN_HOME/schedules.json and to the audit log."},
            footer = {"", "Examples:", "  warden schedule pause acme/reporter", "  warden schedule pause acme/reporter '0 7 * * 1-5'"})
    static final class Pause extends PauseOrResume {
        @Override
        boolean pausing() {
            return true;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = {"Let paused schedules fire again, from their next time on; missed firings are not made up."},
            footer = {"", "Example:", "  warden schedule resume acme/reporter"})
    static final class Resume extends PauseOrResume {
        @Override
        boolean pausing() {
            return false;
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true,
            description = {"Show the recorded runs, oldest first: time, plugin, schedule, outcome, duration.", "",
                "Outcomes: ok, failed, timed-out (stopped at its maximum), skipped (the previous run still went on),",
                "missed (the gateway was not running at the time), stopped (the gateway stopped during the run)."})
    static final class Runs extends JsonCommand {

        @Parameters(arity = "0..1", paramLabel = "ID", description = "Only this plugin's runs.")
        String id;

        @Override
        int execute() throws Exception {
            ScheduleStore store = new ScheduleStore(home().root());
            List<ScheduleRun> runs;
            if (id == null) {
                runs = store.runs();
            } else {
                WardenState state = new StateStore(home().root()).read();
                PluginId pluginId = pluginId(id, state);
                runs = store.runs(pluginId);
                if (runs.isEmpty() && state.plugin(pluginId).isEmpty()) {
                    throw CommandException.error(pluginId + " is not installed and has no recorded runs (see 'warden list')");
                }
            }
            if (json) {
                return printJson(runs.stream().map(ScheduleRun::toJson).toList());
            }
            if (runs.isEmpty()) {
                out().println("No runs recorded yet. Schedules fire only while 'warden serve' runs.");
                return ExitCode.OK;
            }
            int width = Math.max(6, runs.stream().mapToInt(r -> r.plugin().toString().length()).max().orElse(6));
            int cronWidth = Math.max(8, runs.stream().mapToInt(r -> r.schedule().length()).max().orElse(8));
            StringBuilder table = new StringBuilder(String.format("%-20s  %-" + width + "s  %-" + cronWidth + "s  %-9s  %8s  %s%n",
                    "TIME", "PLUGIN", "SCHEDULE", "OUTCOME", "DURATION", "DETAIL"));
            for (ScheduleRun run : runs) {
                table.append(String.format("%-20s  %-" + width + "s  %-" + cronWidth + "s  %-9s  %8s  %s%n", run.time(), run.plugin(),
                        UnsafeCharacters.escape(run.schedule()), run.outcome().id(), took(run.duration()),
                        UnsafeCharacters.escape(run.detail())));
            }
            out().print(table);
            return ExitCode.OK;
        }
    }
}
