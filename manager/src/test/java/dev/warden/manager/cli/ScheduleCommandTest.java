package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.runtime.RunOutcome;
import dev.warden.manager.runtime.ScheduleRun;
import dev.warden.manager.runtime.ScheduleStore;
import dev.warden.manager.testing.HomeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** warden schedule list, pause, resume and runs against a home with installed plugins and no host running. */
class ScheduleCommandTest extends TrustedAcmeFixture {

    static final PluginId REPORTER = PluginId.parse("acme/reporter");
    static final String WEEKDAYS = "0 7 * * 1-5";
    static final String QUARTERLY = "*/15 * * * *";

    ScheduleStore schedules;

    @BeforeEach
    void aHomeWithAScheduledPluginAndAnotherOne() throws Exception {
        ok("install", acme.sign(plugin("acme", "reporter")
                .permission("schedule", WEEKDAYS + "; max=10m", "send the morning report")
                .permission("schedule", QUARTERLY, "check for news"), "reporter-1.0.0").toString(), "--yes");
        ok("install", acme.sign(plugin("acme", "notes").permission("net.egress", "https://notes.example.com", "sync"),
                "notes-1.0.0").toString(), "--yes");
        schedules = new ScheduleStore(home);
    }

    void assertFails(int exitCode, String message, String... args) throws Exception {
        CliRunner.Result result = failsLeavingTheHome(exitCode, args);
        assertThat(result.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static JsonNode json(CliRunner.Result result) {
        return JsonMapper.builder().build().readTree(result.out());
    }

    ScheduleRun run(String time, String cron, RunOutcome outcome, long millis, String detail) {
        return new ScheduleRun(Instant.parse(time), REPORTER, cron, outcome, Duration.ofMillis(millis), detail);
    }

    @Test
    void listShowsEachGrantedScheduleWithItsMaximumStatusPauseAndLastRun() throws Exception {
        schedules.record(run("2024-05-06T07:00:00Z", WEEKDAYS, RunOutcome.FAILED, 1500, "boom"));
        schedules.record(run("2024-05-07T07:00:00Z", WEEKDAYS, RunOutcome.OK, 1200, ""));

        String table = ok("schedule", "list").out();
        JsonNode rows = json(ok("schedule", "list", "--json"));

        assertThat(table).contains("PLUGIN").contains("LAST RUN").doesNotContain("acme/notes");
        assertThat(table.lines().filter(l -> l.contains(WEEKDAYS)).findFirst().orElseThrow())
                .contains("acme/reporter").contains("10m").contains("enabled").contains("no")
                .contains("2024-05-07T07:00:00Z ok (1.2s)");
        assertThat(table.lines().filter(l -> l.contains(QUARTERLY)).findFirst().orElseThrow()).contains("5m").contains("never");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("plugin").stringValue()).isEqualTo("acme/reporter");
        assertThat(rows.get(0).get("schedule").stringValue()).isEqualTo(WEEKDAYS);
        assertThat(rows.get(0).get("maxRuntimeSeconds").longValue()).isEqualTo(600);
        assertThat(rows.get(0).get("paused").booleanValue()).isFalse();
        assertThat(rows.get(0).get("status").stringValue()).isEqualTo("enabled");
        assertThat(rows.get(0).get("lastRun").get("outcome").stringValue()).isEqualTo("ok");
        assertThat(rows.get(1).get("maxRuntimeSeconds").longValue()).isEqualTo(300);
        assertThat(rows.get(1).get("lastRun").isNull()).isTrue();
    }

    @Test
    void listShowsADisabledPluginsStatusAndDropsARevokedSchedule() throws Exception {
        ok("disable", "acme/reporter");
        ok("revoke", "acme/reporter", "schedule", QUARTERLY);

        JsonNode rows = json(ok("schedule", "list", "--json"));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("schedule").stringValue()).isEqualTo(WEEKDAYS);
            assertThat(row.get("status").stringValue()).isEqualTo("disabled");
        });
    }

    @Test
    void pausesAndResumesOneScheduleOrAllOfAPluginsAndAuditsEachChange() throws Exception {
        CliRunner.Result paused = ok("schedule", "pause", "acme/reporter", WEEKDAYS);
        assertThat(paused.out()).contains("Paused acme/reporter: " + WEEKDAYS);
        assertThat(schedules.paused()).isEqualTo(Map.of(REPORTER, Set.of(WEEKDAYS)));
        assertThat(ok("schedule", "list").out().lines().filter(l -> l.contains(WEEKDAYS)).findFirst().orElseThrow())
                .contains("yes");

        ok("schedule", "pause", "reporter");
        assertThat(schedules.paused().get(REPORTER)).containsExactlyInAnyOrder(WEEKDAYS, QUARTERLY);

        ok("schedule", "resume", "acme/reporter", QUARTERLY + "; max=5m");
        assertThat(schedules.paused().get(REPORTER)).containsExactly(WEEKDAYS);
        ok("schedule", "resume", "acme/reporter");
        assertThat(schedules.paused()).isEmpty();

        String audit = ok("audit", "--plugin", "acme/reporter").out();
        assertThat(audit.lines().filter(l -> l.contains("schedule.pause"))).hasSize(2);
        assertThat(audit.lines().filter(l -> l.contains("schedule.resume"))).hasSize(2);
        assertThat(audit).contains(QUARTERLY);
    }

    @Test
    void pausingWhatIsPausedOrResumingWhatRunsChangesNothingAndIsNotAudited() throws Exception {
        ok("schedule", "pause", "acme/reporter", WEEKDAYS);
        String auditBefore = ok("audit").out();
        Map<String, String> before = HomeSnapshot.of(home);

        assertThat(ok("schedule", "pause", "acme/reporter", WEEKDAYS).out()).contains("already paused");
        assertThat(ok("schedule", "resume", "acme/reporter", QUARTERLY).out()).contains("nothing is paused");

        assertThat(HomeSnapshot.of(home)).isEqualTo(before);
        assertThat(ok("audit").out()).isEqualTo(auditBefore);
    }

    @Test
    void badInputNamesTheCulpritExitsNonZeroAndChangesNothing() throws Exception {
        assertFails(ExitCode.ERROR, "acme/missing is not installed", "schedule", "pause", "acme/missing");
        assertFails(ExitCode.ERROR, "no installed plugin is named 'missing'", "schedule", "resume", "missing");
        assertFails(ExitCode.USAGE, "not a plugin id", "schedule", "pause", "Not An Id/x");
        assertFails(ExitCode.ERROR, "has no granted schedule '0 8 * * *'", "schedule", "pause", "acme/reporter", "0 8 * * *");
        assertFails(ExitCode.USAGE, "hour", "schedule", "pause", "acme/reporter", "0 25 * * *");
        assertFails(ExitCode.USAGE, "5 cron fields", "schedule", "resume", "acme/reporter", "@daily");
        assertFails(ExitCode.ERROR, "acme/notes has no granted schedules", "schedule", "pause", "acme/notes");
        assertFails(ExitCode.USAGE, "ID", "schedule", "pause");
        assertFails(ExitCode.ERROR, "acme/missing is not installed", "schedule", "runs", "acme/missing");
        assertThat(schedules.paused()).isEmpty();
    }

    @Test
    void runsShowsTheHistoryOfAllPluginsOrOneOldestFirst() throws Exception {
        PluginId removed = PluginId.parse("acme/removed");
        schedules.record(run("2024-05-07T07:00:00Z", WEEKDAYS, RunOutcome.TIMED_OUT, 600_000, "ran longer than its maximum of 10m"));
        schedules.record(run("2024-05-06T07:00:00Z", WEEKDAYS, RunOutcome.OK, 250, ""));
        schedules.record(new ScheduleRun(Instant.parse("2024-05-06T08:00:00Z"), removed, "0 8 * * *", RunOutcome.FAILED,
                Duration.ofMillis(10), "java.io.IOException: \u001b[2Jgone"));

        String all = ok("schedule", "runs").out();
        JsonNode one = json(ok("schedule", "runs", "reporter", "--json"));

        assertThat(all.lines().skip(1).map(l -> l.substring(0, 20).strip()).toList())
                .containsExactly("2024-05-06T07:00:00Z", "2024-05-06T08:00:00Z", "2024-05-07T07:00:00Z");
        assertThat(all).contains("timed-out").contains("600.0s").contains("250ms").contains("acme/removed")
                .contains("\\u001B[2Jgone").doesNotContain("\u001b");
        assertThat(one).hasSize(2);
        assertThat(one.get(1).get("outcome").stringValue()).isEqualTo("timed-out");
        assertThat(one.get(1).get("durationMillis").longValue()).isEqualTo(600_000);
        assertThat(one.get(1).get("schedule").stringValue()).isEqualTo(WEEKDAYS);
        assertThat(json(ok("schedule", "runs", "acme/removed", "--json"))).hasSize(1);
        assertThat(ok("schedule", "runs", "acme/notes").out()).contains("No runs recorded yet");
    }

    @Test
    void listAndRunsWorkOnAFreshHome() throws Exception {
        warden = new CliRunner(temp.resolve("fresh"), temp.resolve("system"));

        assertThat(ok("schedule", "list").out()).contains("No installed plugin has a granted schedule");
        assertThat(ok("schedule", "runs").out()).contains("No runs recorded yet");
        assertThat(json(ok("schedule", "runs", "--json"))).isEmpty();
        assertThat(List.of(temp.resolve("fresh").resolve("schedules.json"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
