package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEntry;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.PendingReview;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.lifecycle.StateChange;
import dev.warden.manager.testing.GitFixtures;
import dev.warden.manager.testing.PluginSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A person reading a review holds no lock: other Warden commands go on meanwhile, and the answer is
 * committed only if the plugin is still as the review showed it.
 */
@Timeout(120)
class ConsentWithoutTheLockTest extends TrustedAcmeFixture {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");

    @BeforeEach
    void setUp() {
        warden.env("WARDEN_LOCK_WAIT", "1");
    }

    static PluginSource weather(String version) {
        return plugin("acme", "weather").version(version)
                .permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("briefing", "Give a weather briefing", "Call the forecast tool.");
    }

    /** A person who takes their time: answers only when told to, after the question was asked. */
    static final class SlowPerson implements Consent {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch answer = new CountDownLatch(1);
        volatile boolean yes = true;

        @Override
        public boolean confirm(String question) throws java.io.IOException {
            asked.countDown();
            try {
                if (!answer.await(60, TimeUnit.SECONDS)) {
                    throw new java.io.IOException("the test never answered");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException(e);
            }
            return yes;
        }

        @Override
        public boolean canAsk() {
            return true;
        }
    }

    Lifecycle lifecycle(Consent consent) throws Exception {
        return Lifecycle.open(WardenHome.resolve(Optional.empty(), warden.environment()), warden.environment(),
                Clock.systemUTC(), consent);
    }

    <T> CompletableFuture<T> inBackground(java.util.concurrent.Callable<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Waits until the person is asked; fails with the command's own error if it ended without asking. */
    static void awaitQuestion(SlowPerson person, CompletableFuture<?> reading) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!person.asked.await(50, TimeUnit.MILLISECONDS)) {
            if (reading.isDone()) {
                reading.get();
                throw new AssertionError("the command ended without asking");
            }
            assertThat(System.nanoTime()).as("asked within 60 s").isLessThan(deadline);
        }
    }

    static Throwable cause(CompletableFuture<?> future) {
        assertThatThrownBy(() -> future.get(60, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);
        Throwable t = future.handle((r, e) -> e).join();
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void otherCommandsRunWhileAPersonReadsAnInstallReviewAndTheInstallThenCompletes() throws Exception {
        Path weather = acme.sign(weather("1.0.0"), "weather-1.0.0");
        Path notes = acme.sign(plugin("acme", "notes").skill("notes", "Take notes", "Write notes."), "notes-1.0.0");
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> new Installation(lifecycle(person), weather,
                new Installation.Options(false, false, false, Optional.empty())).run());
        awaitQuestion(person, reading);

        ok("install", notes.toString(), "--yes");
        assertThat(ok("list").out()).contains("acme/notes").doesNotContain("acme/weather");
        ok("disable", "acme/notes");

        person.answer.countDown();
        reading.get(60, TimeUnit.SECONDS);
        WardenState state = new StateStore(home).read();
        assertThat(state.plugins()).containsKeys(WEATHER, PluginId.parse("acme/notes"));
        assertThat(ok("audit", "verify").out()).contains("intact");
    }

    /** A git marketplace of one Claude plugin, committed at {@code repo}. */
    static Path gitMarketplace(Path repo) throws Exception {
        GitMarketplaceCliTest.claudePlugin(repo.resolve("plugins/weather"), "weather");
        Files.createDirectories(repo.resolve(".claude-plugin"));
        Files.writeString(repo.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"team-market\", \"owner\":"
                + " {\"name\": \"Team\"}, \"plugins\": [{\"name\": \"weather\", \"source\": \"./plugins/weather\"}]}");
        GitFixtures.commitAll(repo, "fixture");
        return repo;
    }

    @Test
    void otherCommandsRunWhileAPersonReadsAMarketplaceAndTheSameNameAddedMeanwhileRefusesTheFirst() throws Exception {
        Path repo = gitMarketplace(temp.resolve("team-market"));
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> {
            var marketplaces = new dev.warden.manager.marketplace.Marketplaces(lifecycle(person),
                    dev.warden.registry.fetch.FetchSettings.defaults(), dev.warden.registry.fetch.Progress.none());
            try (var proposal = marketplaces.propose("team", repo.toString(), Optional.empty())) {
                return person.confirm("Add marketplace team?") ? marketplaces.add(proposal) : null;
            }
        });
        awaitQuestion(person, reading);

        ok("install", acme.sign(plugin("acme", "notes").skill("notes", "Take notes", "Write notes."), "notes-1.0.0").toString(),
                "--yes");
        ok("marketplace", "add", "team", repo.toString(), "--yes");
        person.answer.countDown();

        assertThat(cause(reading)).hasMessageContaining("a marketplace named team was already added");
        assertThat(ok("marketplace", "list").out()).contains("team");
        assertThat(ok("audit", "verify").out()).contains("intact");
    }

    @Test
    void anInstallOfTheSamePluginByAnotherProcessDuringTheReviewRefusesTheFirstAndChangesNothing() throws Exception {
        Path v1 = acme.sign(weather("1.0.0"), "weather-1.0.0");
        Path v2 = acme.sign(weather("2.0.0"), "weather-2.0.0");
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> new Installation(lifecycle(person), v1,
                new Installation.Options(false, false, false, Optional.empty())).run());
        awaitQuestion(person, reading);

        ok("install", v2.toString(), "--yes");
        person.answer.countDown();

        Throwable refused = cause(reading);
        assertThat(refused).isInstanceOf(RefusalException.class)
                .hasMessageContaining("nothing was changed").hasMessageContaining("installed acme/weather 2.0.0");
        assertThat(new StateStore(home).read().plugin(WEATHER).orElseThrow().version().toString()).isEqualTo("2.0.0");
        assertThat(Files.exists(new StateStore(home).pluginDir(WEATHER, dev.warden.catalog.manifest.Version.parse("1.0.0")))).isFalse();
        List<AuditEntry> outdated = new AuditLog(home.resolve("audit")).read(Optional.of(WEATHER)).stream()
                .filter(e -> e.event().equals("review.outdated")).toList();
        assertThat(outdated).hasSize(1);
    }

    @Test
    void anUpdateApprovedAfterItsGrantsChangedIsRefusedWithExitThree() throws Exception {
        ok("install", acme.sign(weather("1.0.0"), "weather-1.0.0").toString(), "--yes");
        Path v2 = acme.sign(weather("2.0.0").permission("process.exec", "/usr/bin/git", "read history"), "weather-2.0.0");
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> new Installation(lifecycle(person), v2,
                new Installation.Options(false, false, false, Optional.of(WEATHER))).run());
        awaitQuestion(person, reading);

        ok("grant", "acme/weather", "fs.write", "${workspace}/reports/**", "--yes");
        person.answer.countDown();

        assertThat(cause(reading)).isInstanceOf(RefusalException.class).hasMessageContaining("changed the grants of acme/weather");
        assertThat(new StateStore(home).read().plugin(WEATHER).orElseThrow().version().toString()).isEqualTo("1.0.0");
        CliRunner.Result again = warden.answering("y\n").run("update", "acme/weather", "--from", v2.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
    }

    @Test
    void aHeldUpdateReviewedWhileAnotherProcessRejectsItChangesNothing() throws Exception {
        ok("install", acme.sign(weather("1.0.0"), "weather-1.0.0").toString(), "--yes");
        Path v2 = acme.sign(weather("2.0.0").permission("process.exec", "/usr/bin/git", "read history"), "weather-2.0.0");
        assertThat(warden.run("update", "acme/weather", "--from", v2.toString(), "--yes").exitCode()).isEqualTo(ExitCode.REFUSED);
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> new PendingReview(lifecycle(person), WEATHER,
                PendingReview.Decision.ASK).run());
        awaitQuestion(person, reading);

        ok("review", "acme/weather", "--reject");
        person.answer.countDown();

        assertThat(cause(reading)).isInstanceOf(RefusalException.class).hasMessageContaining("decided on the update");
        assertThat(new StateStore(home).read().plugin(WEATHER).orElseThrow().version().toString()).isEqualTo("1.0.0");
    }

    @Test
    void aGrantAskedWhileTheOptionalPermissionIsGrantedElsewhereDoesNotBlockAndRefusesAfter() throws Exception {
        ok("install", acme.sign(weather("1.0.0"), "weather-1.0.0").toString(), "--yes");
        SlowPerson person = new SlowPerson();
        CompletableFuture<?> reading = inBackground(() -> {
            StateChange changes = new StateChange(lifecycle(person));
            StateChange.GrantRequest request = changes.requestGrant(WEATHER, PermissionKind.FS_WRITE, "${workspace}/reports/**");
            if (person.confirm("Grant it?")) {
                changes.grant(request);
            }
            return null;
        });
        awaitQuestion(person, reading);

        ok("revoke", "acme/weather", "net.egress", "https://api.weather.gov");
        person.answer.countDown();

        assertThat(cause(reading)).isInstanceOf(RefusalException.class).hasMessageContaining("changed the grants");
    }
}
