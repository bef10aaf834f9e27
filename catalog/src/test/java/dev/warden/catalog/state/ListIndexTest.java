package dev.warden.catalog.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.testing.States;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListIndexTest {

    @TempDir
    Path home;

    private List<PluginSummary> fromState(WardenState state) {
        return state.plugins().values().stream().map(p -> PluginSummary.of(state, p)).toList();
    }

    private StateStore committed(WardenState state) throws Exception {
        StateStore store = new StateStore(home);
        try (StateLock lock = store.lock(Duration.ZERO, "test")) {
            store.commit(lock, state);
        }
        return store;
    }

    @Test
    void summariesFromTheIndexEqualThoseComputedFromTheFullState() throws Exception {
        WardenState state = States.several();
        StateStore store = committed(state);

        assertThat(ListIndex.read(home)).contains(fromState(state));
        assertThat(store.summaries()).isEqualTo(fromState(state));
    }

    @Test
    void anIndexOfAnotherCommitIsIgnoredAndTheStateFilesAnswer() throws Exception {
        committed(States.several());
        byte[] oldIndex = Files.readAllBytes(home.resolve(ListIndex.FILE));
        WardenState changed = States.severalAfterChanges();
        StateStore store = committed(changed);
        Files.write(home.resolve(ListIndex.FILE), oldIndex);

        assertThat(ListIndex.read(home)).isEmpty();
        assertThat(store.summaries()).isEqualTo(fromState(changed));
    }

    @Test
    void aPendingJournalOrADamagedIndexSendsTheReaderToTheStateFiles() throws Exception {
        WardenState state = States.several();
        StateStore store = committed(state);
        Files.writeString(home.resolve(ListIndex.FILE), "# warden list index 1 commit x\nnot\ta\tline\n");
        assertThat(ListIndex.read(home)).isEmpty();
        assertThat(store.summaries()).isEqualTo(fromState(state));

        committed(state);
        Files.writeString(home.resolve(StateStore.JOURNAL), "{}");
        assertThat(ListIndex.read(home)).isEmpty();
    }

    @Test
    void anIndexWithWindowsLineEndsOrNoLastLineEndReadsAsTheOneWritten() throws Exception {
        WardenState state = States.several();
        committed(state);
        Path index = home.resolve(ListIndex.FILE);
        String written = Files.readString(index);

        Files.writeString(index, written.replace("\n", "\r\n"));
        assertThat(ListIndex.read(home)).contains(fromState(state));

        Files.writeString(index, written.substring(0, written.length() - 1));
        assertThat(ListIndex.read(home)).contains(fromState(state));
    }

    @Test
    void anIndexThatIsNotUtf8SendsTheReaderToTheStateFiles() throws Exception {
        WardenState state = States.several();
        StateStore store = committed(state);
        Path index = home.resolve(ListIndex.FILE);
        byte[] written = Files.readAllBytes(index);
        written[written.length - 3] = (byte) 0xff;
        Files.write(index, written);

        assertThat(ListIndex.read(home)).isEmpty();
        assertThat(store.summaries()).isEqualTo(fromState(state));
    }

    @Test
    void nothingCommittedMeansNoSummaries() throws Exception {
        assertThat(new StateStore(home).summaries()).isEmpty();
    }
}
