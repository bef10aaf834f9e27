package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PluginId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One firing of a plugin's schedule, as the run history keeps it.
 *
 * @param time     when it fired (for a skipped or missed firing, when it was due)
 * @param plugin   whose schedule it was
 * @param schedule the cron expression, without {@code ; max=}
 * @param outcome  how it ended
 * @param duration how long it ran; zero when it did not run
 * @param detail   a few words for people, e.g. the failure; empty when there is nothing to add
 */
public record ScheduleRun(Instant time, PluginId plugin, String schedule, RunOutcome outcome, Duration duration,
                          String detail) {

    /**
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the duration is negative
     */
    public ScheduleRun {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a run of " + plugin + " '" + schedule + "' cannot last " + duration);
        }
    }

    /**
     * @return the fields of its JSON form, in order, as the run history and {@code warden schedule runs --json}
     *         write them: {@code time}, {@code plugin}, {@code schedule}, {@code outcome}, {@code durationMillis}, {@code detail}
     */
    public Map<String, Object> toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("time", time.toString());
        fields.put("plugin", plugin.toString());
        fields.put("schedule", schedule);
        fields.put("outcome", outcome.id());
        fields.put("durationMillis", duration.toMillis());
        fields.put("detail", detail);
        return fields;
    }
}
