package dev.warden.catalog.state;

import dev.warden.io.CrashPoint;

import dev.warden.io.AtomicFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.testing.States;
import dev.warden.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StateStoreCommitTest {

    private static final String COMMIT_POINT = StateStore.JOURNAL + ": renamed into place";

    @TempDir
    Path home;

    @Test
    void readsEmptyStateFromAHomeThatDoesNotExistYet() throws Exception {
        StateStore store = new StateStore(home.resolve("not-yet"));

        assertThat(store.read()).isEqualTo(WardenState.empty());
        assertThat(home.resolve("not-yet")).doesNotExist();
    }

    @Test
    void readsBackWhatWasCommitted() throws Exception {
        StateStore store = new StateStore(home);
        WardenState state = States.several();

        commit(store, state);

        assertThat(store.read()).isEqualTo(state);
        assertThat(new StateStore(home).read()).isEqualTo(state);
        assertThat(home.resolve(StateStore.JOURNAL)).doesNotExist();
    }

    @Test
    void readsBackALargeStateWhoseTwoFilesAreParsedAtOnce() throws Exception {
        StateStore store = new StateStore(home);
        WardenState state = States.many(300);

        commit(store, state);

        assertThat(Files.size(home.resolve("grants.json"))).isGreaterThan(StateStore.PARALLEL_PARSE_BYTES);
        assertThat(store.read()).isEqualTo(state);
    }

    @Test
    void aCorruptLargeGrantsFileIsReportedByNameWhenParsedBesideTheCatalog() throws Exception {
        StateStore store = new StateStore(home);
        commit(store, States.many(300));
        Path grants = home.resolve("grants.json");
        Files.writeString(grants, Files.readString(grants).replaceFirst("\"granted\"", "\"granted\": 1, \"granted\""));

        assertThatThrownBy(store::read).isInstanceOf(StateException.class).hasMessageContaining(grants.toString());
    }

    @Test
    void writesTheSameBytesForTheSameState() throws Exception {
        StateStore store = new StateStore(home);
        commit(store, States.several());
        byte[] catalog = Files.readAllBytes(home.resolve("catalog.json"));
        byte[] grants = Files.readAllBytes(home.resolve("grants.json"));

        commit(store, States.severalAfterChanges());
        commit(store, States.several());

        assertThat(home.resolve("catalog.json")).hasBinaryContent(catalog);
        assertThat(home.resolve("grants.json")).hasBinaryContent(grants);
    }

    @Test
    void writesPrettyJsonWithPluginsSortedByIdAndTimesInUtc() throws Exception {
        commit(new StateStore(home), States.several());

        String catalog = Files.readString(home.resolve("catalog.json"));
        String grants = Files.readString(home.resolve("grants.json"));

        assertThat(catalog).contains("\n  ").contains("\"installedAt\" : \"2025-05-01T10:00:00Z\"")
                .contains("\"status\" : \"pending-review\"");
        assertThat(catalog.indexOf("acme/git-helper")).isLessThan(catalog.indexOf("acme/weather"));
        assertThat(catalog.indexOf("acme/weather")).isLessThan(catalog.indexOf("zeta/notes"));
        assertThat(grants).contains("\"kind\" : \"process.exec\"", "\"scope\" : \"/usr/bin/git\"",
                "\"reason\" : \"runs /usr/bin/git\"", "\"optional\" : true");
    }

    @Test
    void replacesAnEarlierStateCompletely() throws Exception {
        StateStore store = new StateStore(home);
        commit(store, States.several());

        commit(store, States.severalAfterChanges());

        assertThat(store.read()).isEqualTo(States.severalAfterChanges());
    }

    @Test
    void refusesToCommitWithoutHoldingTheLock() throws Exception {
        StateStore store = new StateStore(home);
        StateLock lock = store.lock(Duration.ZERO, "test");
        lock.close();

        assertThatThrownBy(() -> store.commit(lock, States.several()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lock");
    }

    @Test
    void refusesToCommitWithTheLockOfAnotherHome() throws Exception {
        StateStore store = new StateStore(home.resolve("a"));
        try (StateLock other = new StateStore(home.resolve("b")).lock(Duration.ZERO, "test")) {
            assertThatThrownBy(() -> store.commit(other, States.several()))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(home.resolve("a/catalog.json")).doesNotExist();
    }

    static Stream<Arguments> commitSteps() throws Exception {
        List<String> steps = recordSteps();
        return IntStream.range(0, steps.size()).mapToObj(i -> Arguments.of(i, steps.get(i)));
    }

    @ParameterizedTest(name = "crash after step {0}: {1}")
    @MethodSource("commitSteps")
    void aCrashAtAnyStepLeavesTheOldOrTheNewStateAndNoLeftovers(int crashAt, String step) throws Exception {
        WardenState old = States.several();
        WardenState next = States.severalAfterChanges();
        StateStore store = new StateStore(home);
        commit(store, old);
        List<String> steps = recordSteps();
        WardenState expected = crashAt < steps.indexOf(COMMIT_POINT) ? old : next;

        crashDuringCommit(store, crashAt, next);

        assertThat(new StateStore(home).read()).as("lock-free read after the crash").isEqualTo(expected);
        StateStore restarted = new StateStore(home);
        try (StateLock lock = restarted.lock(Duration.ofSeconds(1), "after crash")) {
            assertThat(restarted.read()).isEqualTo(expected);
        }
        assertThat(leftovers()).isEmpty();
        assertThat(readCatalogOnly()).isEqualTo(expected.plugins());
    }

    static Stream<Arguments> crashesAfterTheCommitPoint() throws Exception {
        List<String> steps = recordSteps();
        List<Arguments> cases = new ArrayList<>();
        int recoverySteps = steps.size() - steps.indexOf(StateStore.JOURNAL + ": folder synced") - 1;
        for (int first = steps.indexOf(COMMIT_POINT); first < steps.size() - 2; first++) {
            for (int second = 0; second < recoverySteps; second++) {
                cases.add(Arguments.of(first, second));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "crash at commit step {0}, then at recovery step {1}")
    @MethodSource("crashesAfterTheCommitPoint")
    void aCrashDuringRecoveryIsRecoveredByTheNextLock(int commitStep, int recoveryStep) throws Exception {
        StateStore store = new StateStore(home);
        commit(store, States.several());
        crashDuringCommit(store, commitStep, States.severalAfterChanges());

        StateStore recovering = new StateStore(home);
        recovering.crashPoint(crashAt(recoveryStep));
        assertThatThrownBy(() -> recovering.lock(Duration.ofSeconds(1), "recovering").close())
                .isInstanceOf(SimulatedCrash.class);

        StateStore last = new StateStore(home);
        try (StateLock lock = last.lock(Duration.ofSeconds(1), "after two crashes")) {
            assertThat(last.read()).isEqualTo(States.severalAfterChanges());
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedWriteBeforeTheCommitPointChangesNothing() throws Exception {
        StateStore store = new StateStore(home);
        commit(store, States.several());
        try (StateLock lock = store.lock(Duration.ZERO, "test")) {
            // a folder in the journal's place makes its rename fail
            Files.createDirectory(home.resolve(StateStore.JOURNAL));
            assertThatThrownBy(() -> store.commit(lock, States.severalAfterChanges()))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining(StateStore.JOURNAL).hasMessageContaining("nothing was changed");
            Files.delete(home.resolve(StateStore.JOURNAL));
        }
        assertThat(store.read()).isEqualTo(States.several());
        assertThat(leftovers()).isEmpty();
    }

    private void crashDuringCommit(StateStore store, int crashAt, WardenState next) throws StateException {
        store.crashPoint(crashAt(crashAt));
        StateLock lock = store.lock(Duration.ofSeconds(1), "crashing");
        assertThatThrownBy(() -> store.commit(lock, next)).isInstanceOf(SimulatedCrash.class);
        // the process is gone: the operating system releases its lock
        lock.close();
        store.crashPoint(CrashPoint.NONE);
    }

    private static List<String> recordSteps() throws Exception {
        Path scratch = Files.createTempDirectory("steps");
        try {
            StateStore store = new StateStore(scratch);
            List<String> steps = new ArrayList<>();
            store.crashPoint(steps::add);
            commit(store, States.several());
            return steps;
        } finally {
            FileTrees.deleteTree(scratch);
        }
    }

    private static CrashPoint crashAt(int index) {
        int[] count = {0};
        return step -> {
            if (count[0]++ == index) {
                throw new SimulatedCrash(step);
            }
        };
    }

    private static void commit(StateStore store, WardenState state) throws StateException {
        try (StateLock lock = store.lock(Duration.ofSeconds(1), "test")) {
            store.commit(lock, state);
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> AtomicFiles.isTemporary(p) || p.getFileName().toString().equals(StateStore.JOURNAL))
                    .toList();
        }
    }

    private Object readCatalogOnly() {
        try {
            return StateDocuments.parseCatalog(Files.readAllBytes(home.resolve("catalog.json")),
                    new JsonFields.Source("catalog.json", "")).entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StateException e) {
            throw new AssertionError(e);
        }
    }

    /** Stands for the process dying at a step. */
    static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String step) {
            super("simulated crash after " + step);
        }
    }
}
