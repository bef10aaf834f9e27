package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.WardenState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Transaction} decided from the state it read under the lock: the state to commit, if any, the
 * audit entries that explain it, work that must follow the commit, and the result handed back to the caller.
 * {@link Lifecycle#change} carries it out in that order: audit, commit, then the follow-up, all under the lock.
 *
 * @param <R> what the caller gets back
 */
public final class Change<R> {

    /** One audit entry of a change. */
    public record Entry(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details) {
        public Entry {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(plugin, "plugin");
            details = Map.copyOf(details);
        }
    }

    /**
     * Work that needs the commit done first (deleting what the new state no longer references), still under the lock.
     *
     * @param <R> the result it may complete
     */
    @FunctionalInterface
    public interface AfterCommit<R> {
        /**
         * @param committed the result so far
         * @return the result, with what this work found added
         * @throws IOException if the work failed; the change is committed and audited already
         */
        R run(R committed) throws IOException;
    }

    private final Optional<WardenState> next;
    private final List<Entry> entries;
    private final List<AfterCommit<R>> after;
    private final R result;

    private Change(Optional<WardenState> next, List<Entry> entries, List<AfterCommit<R>> after, R result) {
        this.next = next;
        this.entries = entries;
        this.after = after;
        this.result = result;
    }

    /** Commits {@code next}, explained by one audit entry. */
    public static <R> Change<R> commit(WardenState next, AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details,
                                       R result) {
        return new Change<>(Optional.of(next), List.of(new Entry(event, plugin, details)), List.of(), result);
    }

    /** Changes nothing of the state but writes one audit entry (for what the transaction changed outside the state files). */
    public static <R> Change<R> audited(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details, R result) {
        return new Change<>(Optional.empty(), List.of(new Entry(event, plugin, details)), List.of(), result);
    }

    /** Changes nothing and audits nothing: the state already is as asked. */
    public static <R> Change<R> none(R result) {
        return new Change<>(Optional.empty(), List.of(), List.of(), result);
    }

    /** This change, with one more audit entry written before the others. */
    public Change<R> precededBy(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details) {
        List<Entry> more = new ArrayList<>();
        more.add(new Entry(event, plugin, details));
        more.addAll(entries);
        return new Change<>(next, List.copyOf(more), after, result);
    }

    /** This change, with one more audit entry written after the others. */
    public Change<R> and(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(new Entry(event, plugin, details));
        return new Change<>(next, List.copyOf(more), after, result);
    }

    /** This change, with {@code work} to do once it is committed. */
    public Change<R> then(AfterCommit<R> work) {
        List<AfterCommit<R>> more = new ArrayList<>(after);
        more.add(Objects.requireNonNull(work, "work"));
        return new Change<>(next, entries, List.copyOf(more), result);
    }

    Optional<WardenState> next() {
        return next;
    }

    List<Entry> entries() {
        return entries;
    }

    List<AfterCommit<R>> after() {
        return after;
    }

    R result() {
        return result;
    }
}
