package dev.warden.manager.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.Scheduler;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's scheduler and a plugin's Scheduler capability. Time moves only by tick(instant); tasks run
 * on the ticking thread unless a test needs a run to outlive a tick.
 */
class PluginSchedulerTest {

    static final PluginId REPORTER = PluginId.parse("acme/reporter");
    static final PluginId OTHER = PluginId.parse("acme/other");
    static final String WEEKDAYS = "0 7 * * 1-5";
    static final String QUARTERLY = "*/15 * * * *";
    static final String DAILY = "0 7 * * *";

    @TempDir
    Path home;

    /** Monday 2024-05-06, two minutes before the weekday schedule fires. */
    final MutableClock clock = MutableClock.at("2024-05-06T06:58:00Z");
    final RecordingAudit audit = new RecordingAudit();
    final Set<PluginId> enabled = ConcurrentHashMap.newKeySet();
    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    ScheduleStore store;
    PluginScheduler scheduler;
    ExecutorService threads;
    /** Released each time a run on {@link #threads} has completely ended, recording included. */
    final Semaphore ended = new Semaphore(0);

    {
        enabled.add(REPORTER);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** A started scheduler whose tasks run on the ticking thread. */
    PluginScheduler scheduler() {
        return scheduler(enabled::contains, Runnable::run);
    }

    /** A started scheduler whose tasks run on threads of their own, for runs that outlive a tick. */
    PluginScheduler threadedScheduler() {
        threads = Executors.newCachedThreadPool();
        return scheduler(enabled::contains, run -> threads.execute(() -> {
            try {
                run.run();
            } finally {
                ended.release();
            }
        }));
    }

    PluginScheduler scheduler(Predicate<PluginId> isEnabled, java.util.concurrent.Executor runner) {
        store = new ScheduleStore(home);
        scheduler = new PluginScheduler(store, isEnabled, clock, runner);
        scheduler.start();
        return scheduler;
    }

    /** The Scheduler capability of {@code plugin} with these {@code schedule} scopes granted. */
    GrantedScheduler granted(PluginId plugin, String... scopes) {
        List<Permission> grants = new ArrayList<>();
        grants.add(Permission.of(PermissionKind.DATA_SHARE, "plugin:acme/notes", "unrelated"));
        for (String scope : scopes) {
            grants.add(Permission.of(PermissionKind.SCHEDULE, scope, "test"));
        }
        return new GrantedScheduler(plugin, grants, audit, scheduler);
    }

    Scheduler.Task records(String name) {
        return () -> ran.add(name + "@" + clock.instant());
    }

    /** A task that says it started, then waits until it is interrupted and says so. */
    static Scheduler.Task waitsForAnInterrupt(CountDownLatch started, CountDownLatch interrupted) {
        return () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        };
    }

    void tick(String instant) {
        clock.set(Instant.parse(instant));
        scheduler.tick(Instant.parse(instant));
    }

    List<RunOutcome> outcomes(PluginId plugin) throws Exception {
        return store.runs(plugin).stream().map(ScheduleRun::outcome).toList();
    }

    // ---- grants

    @Test
    void refusesAScheduleThatIsNotGrantedAndAuditsTheDenial() {
        scheduler();
        GrantedScheduler reporter = granted(REPORTER, WEEKDAYS + "; max=10m");

        assertThatThrownBy(() -> reporter.register("0 8 * * 1-5", records("x")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.permission()).isEqualTo(PermissionKind.SCHEDULE.id());
                    assertThat(e.target()).isEqualTo("0 8 * * 1-5");
                });
        assertThatThrownBy(() -> reporter.register(WEEKDAYS + "; max=1h", records("x")))
                .as("a plugin cannot choose its own maximum").isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> reporter.register("plugin:acme/notes", records("x"))).isInstanceOf(PermissionDeniedException.class);
        assertThat(audit.entries).hasSize(3).allSatisfy(e -> assertThat(e.allowed()).isFalse());

        tick("2024-05-06T07:00:00Z");
        assertThat(ran).isEmpty();
    }

    @Test
    void acceptsTheCronAloneOrTheWholeScopeAndTheMaximumAlwaysComesFromTheGrant() {
        scheduler();
        GrantedScheduler reporter = granted(REPORTER, WEEKDAYS + "; max=10m", QUARTERLY);

        reporter.register(WEEKDAYS, records("weekday"));
        reporter.register(QUARTERLY, records("quarterly"));

        assertThat(audit.entries).extracting(RecordingAudit.Entry::target, RecordingAudit.Entry::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(WEEKDAYS + "; max=10m", "register"),
                org.assertj.core.groups.Tuple.tuple(QUARTERLY, "register"));
        tick("2024-05-06T07:00:00Z");
        assertThat(audit.of(PermissionKind.SCHEDULE).stream().map(RecordingAudit.Entry::detail))
                .contains("run, at most 10m", "run, at most 5m");
    }

    @Test
    void registeringAgainReplacesTheTaskAndCancelStopsIt() {
        scheduler();
        GrantedScheduler reporter = granted(REPORTER, WEEKDAYS);
        reporter.register(WEEKDAYS, records("old"));
        reporter.register(WEEKDAYS, records("new"));

        tick("2024-05-06T07:00:00Z");
        assertThat(reporter.cancel(WEEKDAYS)).isTrue();
        assertThat(reporter.cancel(WEEKDAYS)).isFalse();
        assertThat(reporter.cancel("1 2 3 4 5")).isFalse();
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).containsExactly("new@2024-05-06T07:00:00Z");
    }

    // ---- firing

    @Test
    void firesOnceAtEachTimeTheCronNamesAndNotBetween() {
        scheduler();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("weekday"));
        assertThat(scheduler.nextFire(REPORTER, WEEKDAYS)).contains(Instant.parse("2024-05-06T07:00:00Z"));

        tick("2024-05-06T06:59:50Z");
        tick("2024-05-06T07:00:10Z");
        tick("2024-05-06T07:00:40Z");
        tick("2024-05-06T12:00:00Z");
        tick("2024-05-07T07:00:05Z");
        tick("2024-05-11T07:00:05Z");

        assertThat(ran).containsExactly("weekday@2024-05-06T07:00:10Z", "weekday@2024-05-07T07:00:05Z");
        assertThat(scheduler.nextFire(REPORTER, WEEKDAYS)).contains(Instant.parse("2024-05-13T07:00:00Z"));
    }

    @Test
    void recordsEachRunWithItsDurationByTheClock() throws Exception {
        scheduler();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, () -> clock.advance(Duration.ofSeconds(3)));

        tick("2024-05-06T07:00:00Z");

        assertThat(store.runs(REPORTER)).singleElement().isEqualTo(new ScheduleRun(Instant.parse("2024-05-06T07:00:00Z"),
                REPORTER, WEEKDAYS, RunOutcome.OK, Duration.ofSeconds(3), ""));
    }

    @Test
    void aScheduleThatNeverComesIsAcceptedAndNeverFires() {
        scheduler();
        granted(REPORTER, "0 0 30 2 *").register("0 0 30 2 *", records("never"));

        assertThat(scheduler.nextFire(REPORTER, "0 0 30 2 *")).isEmpty();
        tick("2024-05-06T07:00:00Z");
        assertThat(ran).isEmpty();
    }

    @Test
    void neverFiresForAPluginThatIsNotEnabledAndRecordsNothing() throws Exception {
        scheduler();
        granted(OTHER, WEEKDAYS).register(WEEKDAYS, records("other"));

        tick("2024-05-06T07:00:00Z");
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).isEmpty();
        assertThat(store.runs()).isEmpty();
    }

    @Test
    void firesOnlyForPluginsTheCatalogHasEnabledAtTheMomentOfFiring() throws Exception {
        StateStore state = new StateStore(home);
        commit(state, Map.of(REPORTER, PluginStatus.ENABLED, OTHER, PluginStatus.QUARANTINED,
                PluginId.parse("acme/off"), PluginStatus.DISABLED, PluginId.parse("acme/waiting"), PluginStatus.PENDING_REVIEW));
        scheduler(EnabledPlugins.in(state), Runnable::run);
        for (PluginId plugin : List.of(REPORTER, OTHER, PluginId.parse("acme/off"), PluginId.parse("acme/waiting"),
                PluginId.parse("acme/not-installed"))) {
            granted(plugin, WEEKDAYS).register(WEEKDAYS, records(plugin.name()));
        }

        tick("2024-05-06T07:00:00Z");
        commit(state, Map.of(REPORTER, PluginStatus.DISABLED, OTHER, PluginStatus.ENABLED));
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).containsExactly("reporter@2024-05-06T07:00:00Z", "other@2024-05-07T07:00:00Z");
    }

    @Test
    void anUnreadableCatalogCountsAsNotEnabled() throws Exception {
        StateStore state = new StateStore(home);
        commit(state, Map.of(REPORTER, PluginStatus.ENABLED));
        Files.writeString(home.resolve("catalog.json"), "{ not json");

        assertThat(EnabledPlugins.in(state).test(REPORTER)).isFalse();
    }

    @Test
    void aPausedScheduleDoesNotFireUntilResumedWhileOthersGoOn() throws Exception {
        scheduler();
        GrantedScheduler reporter = granted(REPORTER, WEEKDAYS, DAILY);
        reporter.register(WEEKDAYS, records("weekday"));
        reporter.register(DAILY, records("daily"));

        store.pause(REPORTER, List.of(WEEKDAYS));
        tick("2024-05-06T07:00:00Z");
        store.resume(REPORTER, List.of(WEEKDAYS));
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).containsExactlyInAnyOrder("daily@2024-05-06T07:00:00Z", "weekday@2024-05-07T07:00:00Z",
                "daily@2024-05-07T07:00:00Z");
    }

    @Test
    void damagedPauseFlagsCountAsPausedAndTheSkipIsRecorded() throws Exception {
        scheduler();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("weekday"));
        Files.writeString(home.resolve(ScheduleStore.PAUSED_FILE), "[]");

        tick("2024-05-06T07:00:00Z");

        assertThat(ran).isEmpty();
        assertThat(store.runs(REPORTER)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunOutcome.SKIPPED);
            assertThat(run.detail()).contains("schedules.json is damaged");
        });
    }

    @Test
    void aFiringSeenTooLateIsRecordedMissedAndNotMadeUp() throws Exception {
        scheduler();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("weekday"));

        tick("2024-05-06T09:30:00Z");

        assertThat(ran).isEmpty();
        assertThat(outcomes(REPORTER)).containsExactly(RunOutcome.MISSED);
        assertThat(store.runs(REPORTER).get(0).time()).isEqualTo(Instant.parse("2024-05-06T07:00:00Z"));
        assertThat(scheduler.nextFire(REPORTER, WEEKDAYS)).contains(Instant.parse("2024-05-07T07:00:00Z"));
    }

    @Test
    void aFailingTaskIsRecordedAndAuditedAndFiresAgainNextTime() throws Exception {
        scheduler();
        AtomicInteger calls = new AtomicInteger();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("no \u001b[31mnetwork");
            }
        });

        tick("2024-05-06T07:00:00Z");
        tick("2024-05-07T07:00:00Z");

        assertThat(outcomes(REPORTER)).containsExactly(RunOutcome.FAILED, RunOutcome.OK);
        assertThat(store.runs(REPORTER).get(0).detail()).contains("IllegalStateException: no \\u001b[31mnetwork");
        assertThat(audit.entries).extracting(RecordingAudit.Entry::detail).anySatisfy(d -> assertThat(d).startsWith("run failed:"));
    }

    @Test
    void stopsFiringAfterStopAndFiresAgainAfterStart() {
        scheduler();
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("weekday"));

        scheduler.stop();
        tick("2024-05-06T07:00:00Z");
        clock.set(Instant.parse("2024-05-06T08:00:00Z"));
        scheduler.start();
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).containsExactly("weekday@2024-05-07T07:00:00Z");
    }

    @Test
    void registeredBeforeStartFiresOnlyAfterStart() {
        store = new ScheduleStore(home);
        scheduler = new PluginScheduler(store, enabled::contains, clock, Runnable::run);
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("weekday"));

        tick("2024-05-06T07:00:00Z");
        scheduler.start();
        tick("2024-05-07T07:00:00Z");

        assertThat(ran).containsExactly("weekday@2024-05-07T07:00:00Z");
    }

    @Test
    void removingAPluginDropsItsSchedulesOnly() {
        scheduler();
        enabled.add(OTHER);
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, records("reporter"));
        granted(OTHER, WEEKDAYS).register(WEEKDAYS, records("other"));

        scheduler.remove(REPORTER);
        tick("2024-05-06T07:00:00Z");

        assertThat(ran).containsExactly("other@2024-05-06T07:00:00Z");
    }

    // ---- runs that outlive a tick

    @Test
    void aRunPastItsMaximumIsInterruptedAndRecordedTimedOut() throws Exception {
        threadedScheduler();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        granted(REPORTER, WEEKDAYS + "; max=10m").register(WEEKDAYS, waitsForAnInterrupt(started, interrupted));

        tick("2024-05-06T07:00:00Z");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        tick("2024-05-06T07:09:59Z");
        assertThat(interrupted.getCount()).as("still within its maximum").isEqualTo(1);
        tick("2024-05-06T07:10:00Z");

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.runs(REPORTER)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
            assertThat(run.duration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(run.detail()).contains("maximum of 10m");
        });
        assertThat(audit.entries).extracting(RecordingAudit.Entry::detail).anySatisfy(d -> assertThat(d).startsWith("run timed-out"));
    }

    @Test
    void aFiringThatFindsThePreviousRunStillGoingIsSkippedAndRecorded() throws Exception {
        threadedScheduler();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        granted(REPORTER, QUARTERLY + "; max=1h").register(QUARTERLY, () -> {
            runs.incrementAndGet();
            release.await();
        });

        tick("2024-05-06T07:00:00Z");
        tick("2024-05-06T07:15:00Z");
        release.countDown();
        assertThat(ended.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

        assertThat(runs).hasValue(1);
        assertThat(outcomes(REPORTER)).as("by the time they fired").containsExactly(RunOutcome.OK, RunOutcome.SKIPPED);
        assertThat(store.runs(REPORTER).get(1).detail()).contains("2024-05-06T07:00:00Z is still going");
    }

    @Test
    void aTaskThatIgnoresTheInterruptKeepsItsSlotSoRunsNeverPileUp() throws Exception {
        threadedScheduler();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        granted(REPORTER, QUARTERLY + "; max=1m").register(QUARTERLY, () -> {
            runs.incrementAndGet();
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // a stubborn task
                }
            }
        });

        tick("2024-05-06T07:00:00Z");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        tick("2024-05-06T07:01:00Z");
        tick("2024-05-06T07:15:00Z");
        release.countDown();
        assertThat(ended.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        tick("2024-05-06T07:30:00Z");
        assertThat(ended.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

        assertThat(outcomes(REPORTER)).containsExactly(RunOutcome.TIMED_OUT, RunOutcome.SKIPPED, RunOutcome.OK);
        assertThat(store.runs(REPORTER).get(1).detail()).contains("was abandoned but has not returned");
        assertThat(runs).as("the slot is free again once the stubborn run returned").hasValue(2);
    }

    @Test
    void stopInterruptsTheRunsUnderWayAndRecordsThemStopped() throws Exception {
        threadedScheduler();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        granted(REPORTER, WEEKDAYS).register(WEEKDAYS, waitsForAnInterrupt(started, interrupted));
        tick("2024-05-06T07:00:00Z");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        clock.set(Instant.parse("2024-05-06T07:00:30Z"));
        scheduler.stop();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.runs(REPORTER)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).isEqualTo(RunOutcome.STOPPED);
            assertThat(run.duration()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    // ---- history on disk

    @Test
    void theHistoryIsOnDiskForOthersToReadAndKeepsTheNewestHundredPerPlugin() throws Exception {
        scheduler();
        granted(REPORTER, "* * * * *").register("* * * * *", records("minutely"));
        enabled.add(OTHER);
        granted(OTHER, WEEKDAYS).register(WEEKDAYS, records("other"));
        for (int minute = 0; minute < ScheduleStore.MAX_RUNS_PER_PLUGIN + 5; minute++) {
            tick(Instant.parse("2024-05-06T06:59:00Z").plusSeconds(60L * minute).toString());
        }

        ScheduleStore reader = new ScheduleStore(home);
        List<ScheduleRun> reporter = reader.runs(REPORTER);
        assertThat(reporter).hasSize(ScheduleStore.MAX_RUNS_PER_PLUGIN);
        assertThat(reporter.get(0).time()).isEqualTo(Instant.parse("2024-05-06T07:04:00Z"));
        assertThat(reporter.get(reporter.size() - 1).time()).isEqualTo(Instant.parse("2024-05-06T08:43:00Z"));
        assertThat(reader.runs(OTHER)).hasSize(1);
        assertThat(reader.runs()).hasSize(ScheduleStore.MAX_RUNS_PER_PLUGIN + 1)
                .isSortedAccordingTo(java.util.Comparator.comparing(ScheduleRun::time));
        assertThat(home.resolve("schedules/runs/acme/reporter.jsonl")).exists();
    }

    @Test
    void aDamagedHistoryIsReportedWithItsFileAndLine() throws Exception {
        store = new ScheduleStore(home);
        store.record(new ScheduleRun(Instant.parse("2024-05-06T07:00:00Z"), REPORTER, WEEKDAYS, RunOutcome.OK, Duration.ZERO, ""));
        Path file = home.resolve("schedules/runs/acme/reporter.jsonl");
        Files.writeString(file, Files.readString(file) + "{\"plugin\":\"evil/spy\"}\n");

        assertThatThrownBy(() -> store.runs(REPORTER)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("line 2");
    }

    @Test
    void pauseAndResumeSayWhatTheyChangedAndKeepOtherPlugins() throws Exception {
        store = new ScheduleStore(home);

        assertThat(store.pause(REPORTER, List.of(WEEKDAYS, QUARTERLY))).containsExactly(WEEKDAYS, QUARTERLY);
        assertThat(store.pause(REPORTER, List.of(WEEKDAYS))).isEmpty();
        assertThat(store.pause(OTHER, List.of(WEEKDAYS))).containsExactly(WEEKDAYS);
        assertThat(store.resume(REPORTER, List.of(QUARTERLY, "1 1 1 1 1"))).containsExactly(QUARTERLY);

        assertThat(new ScheduleStore(home).paused()).isEqualTo(Map.of(REPORTER, Set.of(WEEKDAYS), OTHER, Set.of(WEEKDAYS)));
        assertThat(store.isPaused(REPORTER, QUARTERLY)).isFalse();
    }

    /** Commits a catalog where each plugin has the given status. */
    private static void commit(StateStore state, Map<PluginId, PluginStatus> statuses) throws Exception {
        Map<PluginId, InstalledPlugin> plugins = new java.util.HashMap<>();
        Instant at = Instant.parse("2024-01-01T00:00:00Z");
        statuses.forEach((id, status) -> plugins.put(id, new InstalledPlugin(id, Version.parse("1.0.0"), status, true,
                Optional.empty(), "test", "0".repeat(64), at, at, Optional.empty())));
        try (StateLock lock = state.lock(Duration.ZERO, "test")) {
            state.commit(lock, new WardenState(plugins, Map.of()));
        }
    }
}
