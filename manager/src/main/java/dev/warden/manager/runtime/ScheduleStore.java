package dev.warden.manager.runtime;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.AtomicFiles;
import dev.warden.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scheduler keeps in {@code $WARDEN_HOME}, so that people see it while nothing runs: which
 * schedules are paused, in {@code schedules.json}, and the newest {@value #MAX_RUNS_PER_PLUGIN} runs of
 * each plugin, in {@code schedules/runs/<publisher>/<name>.jsonl}. Both are replaced atomically, so a
 * reader sees the old content or the new.
 *
 * <p>Pause flags are changed by {@code warden schedule pause/resume} under the state lock and read by
 * the host at each firing, so pausing takes effect on a running host. Runs are written only by the one
 * host that serves; this class serialises the writes of its threads.
 */
public final class ScheduleStore {

    /** How many runs of one plugin the history keeps; older ones are dropped. */
    public static final int MAX_RUNS_PER_PLUGIN = 100;

    static final String PAUSED_FILE = "schedules.json";
    private static final String RUNS_EXTENSION = ".jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<PluginId> BY_ID = Comparator.comparing(PluginId::toString);

    private final Path pausedFile;
    private final Path runsDir;

    /** @param home the state folder, {@code $WARDEN_HOME}; files are created when first written */
    public ScheduleStore(Path home) {
        Path root = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
        this.pausedFile = root.resolve(PAUSED_FILE);
        this.runsDir = root.resolve("schedules").resolve("runs");
    }

    // ---- pause flags

    /**
     * @return the paused cron expressions of every plugin that has one, sorted by plugin id
     * @throws IOException if {@code schedules.json} cannot be read or is damaged; the message names it
     */
    public SortedMap<PluginId, Set<String>> paused() throws IOException {
        SortedMap<PluginId, Set<String>> paused = new TreeMap<>(BY_ID);
        if (!Files.exists(pausedFile, LinkOption.NOFOLLOW_LINKS)) {
            return paused;
        }
        JsonNode root;
        try {
            root = StrictJson.standard().read(Files.readAllBytes(pausedFile));
        } catch (StrictJsonException e) {
            throw damaged(pausedFile, "it is not JSON: " + e.problem().describe());
        }
        JsonNode plugins = root.get("paused");
        if (plugins == null || !plugins.isObject()) {
            throw damaged(pausedFile, "it has no \"paused\" object");
        }
        for (Map.Entry<String, JsonNode> entry : plugins.properties()) {
            PluginId id = pluginId(pausedFile, entry.getKey());
            if (!entry.getValue().isArray()) {
                throw damaged(pausedFile, "the schedules of " + id + " are not a list");
            }
            Set<String> crons = new TreeSet<>();
            for (JsonNode cron : entry.getValue()) {
                if (!cron.isString()) {
                    throw damaged(pausedFile, "a schedule of " + id + " is not a string");
                }
                crons.add(cron.stringValue());
            }
            if (!crons.isEmpty()) {
                paused.put(id, Collections.unmodifiableSet(crons));
            }
        }
        return paused;
    }

    /**
     * @return whether this schedule of the plugin is paused
     * @throws IOException as {@link #paused()}
     */
    public boolean isPaused(PluginId plugin, String cron) throws IOException {
        return paused().getOrDefault(plugin, Set.of()).contains(cron);
    }

    /**
     * Pauses schedules. The caller holds the state lock, so that two commands do not lose each other's change.
     *
     * @param crons cron expressions, without {@code ; max=}
     * @return those that were not paused before, in the given order; nothing is written when empty
     * @throws IOException as {@link #paused()}, or if the file cannot be written (it is then unchanged)
     */
    public Set<String> pause(PluginId plugin, Collection<String> crons) throws IOException {
        return change(plugin, crons, true);
    }

    /**
     * Resumes schedules; the caller holds the state lock.
     *
     * @return those that were paused before, in the given order; nothing is written when empty
     * @throws IOException as {@link #pause}
     */
    public Set<String> resume(PluginId plugin, Collection<String> crons) throws IOException {
        return change(plugin, crons, false);
    }

    private Set<String> change(PluginId plugin, Collection<String> crons, boolean pause) throws IOException {
        SortedMap<PluginId, Set<String>> all = paused();
        Set<String> now = new TreeSet<>(all.getOrDefault(plugin, Set.of()));
        Set<String> changed = new LinkedHashSet<>();
        for (String cron : crons) {
            if (pause ? now.add(cron) : now.remove(cron)) {
                changed.add(cron);
            }
        }
        if (changed.isEmpty()) {
            return changed;
        }
        if (now.isEmpty()) {
            all.remove(plugin);
        } else {
            all.put(plugin, now);
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode plugins = root.putObject("paused");
        all.forEach((id, set) -> {
            ArrayNode list = plugins.putArray(id.toString());
            set.forEach(list::add);
        });
        AtomicFiles.write(pausedFile, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return changed;
    }

    // ---- run history

    /**
     * Adds a run to its plugin's history, dropping those that fired earliest beyond {@value #MAX_RUNS_PER_PLUGIN}.
     *
     * @throws IOException if the history cannot be read or written; it is then unchanged
     */
    public synchronized void record(ScheduleRun run) throws IOException {
        Path file = runsFile(run.plugin());
        List<ScheduleRun> runs = new ArrayList<>(runs(run.plugin()));
        runs.add(run);
        runs.sort(Comparator.comparing(ScheduleRun::time));
        StringBuilder text = new StringBuilder();
        for (ScheduleRun kept : runs.subList(Math.max(0, runs.size() - MAX_RUNS_PER_PLUGIN), runs.size())) {
            text.append(JSON.writeValueAsString(kept.toJson())).append('\n');
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the plugin's kept runs, by the time they fired, oldest first; empty if it has none
     * @throws IOException if its history cannot be read or is damaged; the message names the file and line
     */
    public List<ScheduleRun> runs(PluginId plugin) throws IOException {
        Path file = runsFile(plugin);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<ScheduleRun> runs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                runs.add(parseRun(file, i + 1, lines.get(i), plugin));
            }
        }
        // a long run is recorded when it ends, after firings that came later
        runs.sort(Comparator.comparing(ScheduleRun::time));
        return List.copyOf(runs);
    }

    /**
     * @return the kept runs of every plugin, including plugins removed since, oldest first
     * @throws IOException as {@link #runs(PluginId)}
     */
    public List<ScheduleRun> runs() throws IOException {
        List<ScheduleRun> all = new ArrayList<>();
        for (Path publisher : FileTrees.children(runsDir)) {
            for (Path file : FileTrees.children(publisher)) {
                String name = file.getFileName().toString();
                if (!name.endsWith(RUNS_EXTENSION) || AtomicFiles.isTemporary(file)) {
                    continue;
                }
                PluginId id = pluginId(file, publisher.getFileName() + "/"
                        + name.substring(0, name.length() - RUNS_EXTENSION.length()));
                all.addAll(runs(id));
            }
        }
        all.sort(Comparator.comparing(ScheduleRun::time));
        return List.copyOf(all);
    }

    private Path runsFile(PluginId plugin) {
        return runsDir.resolve(plugin.publisher()).resolve(plugin.name() + RUNS_EXTENSION);
    }

    private static ScheduleRun parseRun(Path file, int line, String text, PluginId expected) throws IOException {
        String where = "line " + line;
        try {
            JsonNode node = StrictJson.standard().read(text);
            if (!node.isObject()) {
                throw damaged(file, where + " is not a JSON object");
            }
            PluginId plugin = pluginId(file, string(node, "plugin", file, where));
            if (!plugin.equals(expected)) {
                throw damaged(file, where + " is a run of " + plugin + ", not of " + expected);
            }
            String outcome = string(node, "outcome", file, where);
            JsonNode millis = node.get("durationMillis");
            if (millis == null || !millis.canConvertToLong() || millis.longValue() < 0) {
                throw damaged(file, where + " has no duration");
            }
            return new ScheduleRun(Instant.parse(string(node, "time", file, where)), plugin,
                    string(node, "schedule", file, where),
                    RunOutcome.byId(outcome).orElseThrow(() -> damaged(file, where + " has the unknown outcome " + outcome)),
                    Duration.ofMillis(millis.longValue()), string(node, "detail", file, where));
        } catch (StrictJsonException e) {
            throw damaged(file, where + " is not JSON: " + e.problem().describe());
        } catch (DateTimeParseException e) {
            throw damaged(file, where + " has a time that is not an ISO instant");
        }
    }

    private static String string(JsonNode node, String field, Path file, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw damaged(file, where + " has no \"" + field + "\" string");
        }
        return value.stringValue();
    }

    private static PluginId pluginId(Path file, String text) throws IOException {
        try {
            return PluginId.parse(text);
        } catch (IllegalArgumentException e) {
            throw damaged(file, e.getMessage());
        }
    }

    private static IOException damaged(Path file, String what) {
        return new IOException(file + " is damaged (" + what + "); Warden wrote it, so something else changed it: fix it,"
                + " or delete it to start " + (file.getFileName().toString().equals(PAUSED_FILE)
                ? "with no schedule paused" : "this plugin's run history again"));
    }
}
