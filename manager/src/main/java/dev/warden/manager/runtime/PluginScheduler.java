package dev.warden.manager.runtime;

import dev.warden.api.capability.Scheduler;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Runs the scheduled tasks of the plugins one host serves. Plugins register tasks through their
 * {@link GrantedScheduler}; the host drives time: {@link #start()} when it begins to serve,
 * {@link #tick(Instant)} from its own timer every few seconds (at least twice a minute), {@link #stop()}
 * when it stops. Nothing fires outside {@code start}…{@code stop}, and nothing here sleeps or owns a timer,
 * so tests move time by calling {@code tick} with the instant they want.
 *
 * <p>At each firing, in this order: a plugin that is not enabled (the predicate is asked each time)
 * does not run, and nothing is recorded; a paused schedule ({@link ScheduleStore}, read each time, so
 * {@code warden schedule pause} reaches a running host) does not run; a firing seen more than
 * {@link #LATE_LIMIT} after its time is not made up and is recorded {@code missed}; a firing that finds
 * the previous run of the same schedule still going is recorded {@code skipped}. Otherwise the use is
 * audited and the task runs on the runner. Each run may take the grant's maximum run time: the first
 * tick after that interrupts it and records {@code timed-out}. A task that ignores the interrupt is
 * abandoned, but keeps its schedule's slot until it returns, so runs of one schedule never pile up.
 * Every run ends in the run history, and a failure, time-out or stop also in the plugin's audit.
 *
 * <p>Next firings are computed in the clock's zone. Thread-safe.
 */
public final class PluginScheduler {

    /** How late a firing may be seen and still run; the host must tick more often than this. */
    static final Duration LATE_LIMIT = Duration.ofMinutes(1);

    private final ScheduleStore store;
    private final Predicate<PluginId> enabled;
    private final Clock clock;
    private final Executor runner;
    /** Held for a whole tick, start or stop: ticks do not overlap, and none fires after {@link #stop()} returns. */
    private final Object ticking = new Object();
    // guarded by this
    private final Map<Key, Job> jobs = new LinkedHashMap<>();
    private final List<Run> active = new ArrayList<>();
    private boolean started;

    /**
     * @param store   where pause flags are read and runs recorded
     * @param enabled whether a plugin may run now, asked at every firing; it must not throw, and should
     *                answer false when it cannot tell (see {@link EnabledPlugins})
     * @param clock   the time of registration, start, stop and the end of runs; its zone is the cron's zone
     * @param runner  where tasks run, one {@code execute} per run; a pool of threads for a host
     */
    public PluginScheduler(ScheduleStore store, Predicate<PluginId> enabled, Clock clock, Executor runner) {
        this.store = Objects.requireNonNull(store, "store");
        this.enabled = Objects.requireNonNull(enabled, "enabled");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** Starts firing; each schedule next fires at its first time after now. Does nothing if started. */
    public void start() {
        synchronized (ticking) {
            synchronized (this) {
                if (started) {
                    return;
                }
                started = true;
                Instant now = clock.instant();
                jobs.values().forEach(job -> job.nextFire = next(job.grant, now));
            }
        }
    }

    /** {@link #tick(Instant)} at the clock's instant. */
    public void tick() {
        tick(clock.instant());
    }

    /**
     * Interrupts runs past their maximum run time, then fires every schedule whose time has come by
     * {@code now}, at most once each. Does nothing unless started.
     *
     * @param now the current instant, as the host's timer sees it
     */
    public void tick(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (ticking) {
            List<Run> overdue = new ArrayList<>();
            List<Firing> due = new ArrayList<>();
            synchronized (this) {
                if (!started) {
                    return;
                }
                active.removeIf(run -> !run.busy());
                for (Run run : active) {
                    if (run.overdue(now)) {
                        overdue.add(run);
                    }
                }
                for (Map.Entry<Key, Job> entry : jobs.entrySet()) {
                    Job job = entry.getValue();
                    if (job.nextFire != null && !now.isBefore(job.nextFire)) {
                        due.add(new Firing(entry.getKey(), job, job.grant, job.task, job.audit, job.nextFire));
                        job.nextFire = next(job.grant, now);
                    }
                }
            }
            for (Run run : overdue) {
                run.abandon(RunOutcome.TIMED_OUT, now, "ran longer than its maximum of "
                        + run.grant.maxText() + "; interrupted and abandoned");
            }
            for (Firing firing : due) {
                fire(firing, now);
            }
        }
    }

    /**
     * Stops firing, interrupts the runs under way and records them {@code stopped}. Registrations are
     * kept: a later {@link #start()} fires them again. Does nothing unless started.
     */
    public void stop() {
        synchronized (ticking) {
            List<Run> under;
            synchronized (this) {
                if (!started) {
                    return;
                }
                started = false;
                jobs.values().forEach(job -> job.nextFire = null);
                under = new ArrayList<>(active);
            }
            Instant now = clock.instant();
            for (Run run : under) {
                run.abandon(RunOutcome.STOPPED, now, "the host stopped; interrupted");
            }
        }
    }

    /**
     * Drops every schedule of a plugin, for a host that unloads it or changes its grants. Runs under
     * way go on within their maximum run time.
     */
    public synchronized void remove(PluginId plugin) {
        jobs.keySet().removeIf(key -> key.plugin.equals(plugin));
    }

    /** Registers or replaces the task of one granted schedule; the caller has audited it. */
    synchronized void register(PluginId plugin, ScheduleGrant grant, Scheduler.Task task, CapabilityAudit audit) {
        Key key = new Key(plugin, grant.cronText());
        Job job = jobs.get(key);
        if (job == null) {
            job = new Job();
            job.nextFire = started ? next(grant, clock.instant()) : null;
            jobs.put(key, job);
        }
        job.grant = grant;
        job.task = task;
        job.audit = audit;
    }

    /** @return whether a task was registered for the plugin's cron expression and is now removed */
    synchronized boolean cancel(PluginId plugin, String cron) {
        return jobs.remove(new Key(plugin, cron)) != null;
    }

    /** @return when the plugin's schedule fires next; empty if it is not registered, never fires, or the scheduler is stopped */
    synchronized Optional<Instant> nextFire(PluginId plugin, String cron) {
        return Optional.ofNullable(jobs.get(new Key(plugin, cron))).map(job -> job.nextFire);
    }

    private Instant next(ScheduleGrant grant, Instant after) {
        return grant.cron().next(after.atZone(clock.getZone())).map(ZonedDateTime::toInstant).orElse(null);
    }

    private void fire(Firing firing, Instant now) {
        PluginId plugin = firing.key.plugin;
        if (!enabled.test(plugin)) {
            return;
        }
        try {
            if (store.isPaused(plugin, firing.key.cron)) {
                return;
            }
        } catch (IOException e) {
            history(firing, RunOutcome.SKIPPED, "the pause flags cannot be read, so it counts as paused: " + e.getMessage());
            return;
        }
        if (Duration.between(firing.due, now).compareTo(LATE_LIMIT) > 0) {
            history(firing, RunOutcome.MISSED, "the host looked only at " + now + "; a missed firing is not made up");
            return;
        }
        Run run;
        Run going;
        synchronized (this) {
            if (!started || jobs.get(firing.key) != firing.job) {
                return;
            }
            going = active.stream().filter(r -> r.key.equals(firing.key) && r.busy()).findFirst().orElse(null);
            run = going == null ? new Run(firing, now) : null;
            if (run != null) {
                active.add(run);
            }
        }
        if (going != null) {
            history(firing, RunOutcome.SKIPPED, "the run started at " + going.started
                    + (going.state.get() == State.ABANDONED ? " was abandoned but has not returned" : " is still going"));
            return;
        }
        firing.audit.record(PermissionKind.SCHEDULE, firing.grant.scope(), true, "run, at most " + firing.grant.maxText());
        try {
            runner.execute(run.future);
        } catch (RejectedExecutionException e) {
            run.abandon(RunOutcome.FAILED, now, "no thread to run it: " + e.getMessage());
        }
    }

    private void history(Firing firing, RunOutcome outcome, String detail) {
        record(new ScheduleRun(firing.due, firing.key.plugin, firing.key.cron, outcome, Duration.ZERO, detail),
                firing.audit, firing.grant.scope());
    }

    private void record(ScheduleRun run, CapabilityAudit audit, String scope) {
        try {
            store.record(run);
        } catch (IOException e) {
            // the audit log is the record that must not miss it
            audit.record(PermissionKind.SCHEDULE, scope, true, "run " + run.outcome().id() + " at " + run.time()
                    + " not written to the run history: " + e.getMessage());
        }
    }

    private record Key(PluginId plugin, String cron) {
    }

    /** A registered schedule; guarded by the scheduler. */
    private static final class Job {
        ScheduleGrant grant;
        Scheduler.Task task;
        CapabilityAudit audit;
        Instant nextFire;
    }

    /** A firing whose time has come, with what was registered at that moment. */
    private record Firing(Key key, Job job, ScheduleGrant grant, Scheduler.Task task, CapabilityAudit audit, Instant due) {
    }

    private enum State { QUEUED, RUNNING, DONE, ABANDONED, CANCELLED }

    /** One run of a task; its state moves once out of QUEUED and once out of RUNNING, whoever gets there first. */
    private final class Run {
        final Key key;
        final ScheduleGrant grant;
        final Scheduler.Task task;
        final CapabilityAudit audit;
        final Instant started;
        final FutureTask<Void> future = new FutureTask<>(this::body, null);
        final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
        volatile boolean threadActive;

        Run(Firing firing, Instant started) {
            this.key = firing.key;
            this.grant = firing.grant;
            this.task = firing.task;
            this.audit = firing.audit;
            this.started = started;
        }

        private void body() {
            threadActive = true;
            try {
                if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
                    return;
                }
                Throwable failure = null;
                try {
                    task.run();
                } catch (Throwable e) {
                    // the plugin's failure, whatever it is, ends this run only
                    failure = e;
                }
                if (state.compareAndSet(State.RUNNING, State.DONE)) {
                    end(failure == null ? RunOutcome.OK : RunOutcome.FAILED, clock.instant(),
                            failure == null ? "" : PluginInput.shown(String.valueOf(failure)));
                }
            } finally {
                threadActive = false;
            }
        }

        /** @return whether it holds its schedule's slot: queued, running, or abandoned while its thread goes on */
        boolean busy() {
            return switch (state.get()) {
                case QUEUED, RUNNING -> true;
                case ABANDONED -> threadActive;
                case DONE, CANCELLED -> false;
            };
        }

        boolean overdue(Instant now) {
            State s = state.get();
            return (s == State.QUEUED || s == State.RUNNING) && !now.isBefore(started.plus(grant.maxRuntime()));
        }

        /** Ends a run that has not ended by itself: interrupts it and records why. */
        void abandon(RunOutcome outcome, Instant now, String detail) {
            if (state.compareAndSet(State.QUEUED, State.CANCELLED) || state.compareAndSet(State.RUNNING, State.ABANDONED)) {
                future.cancel(true);
                end(outcome, now, detail);
            }
        }

        private void end(RunOutcome outcome, Instant at, String detail) {
            Duration took = at.isBefore(started) ? Duration.ZERO : Duration.between(started, at);
            record(new ScheduleRun(started, key.plugin, key.cron, outcome, took, detail), audit, grant.scope());
            if (outcome != RunOutcome.OK) {
                audit.record(PermissionKind.SCHEDULE, grant.scope(), true, "run " + outcome.id() + ": " + detail);
            }
        }
    }
}
