package dev.warden.manager.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    @Test
    void splitsTheArgumentsIntoCommandLinesAtEachLoneSemicolon() {
        List<String[]> lines = TrainingRun.commandLines("--version", ";", "search", "x", ";", "verify", "a b.wpk");

        assertThat(lines).containsExactly(new String[] {"--version"}, new String[] {"search", "x"},
                new String[] {"verify", "a b.wpk"});
    }

    @Test
    void skipsEmptyCommandLinesAndKeepsASemicolonInsideAnArgument() {
        List<String[]> lines = TrainingRun.commandLines(";", "list", ";", ";", "search", "a;b", ";");

        assertThat(lines).containsExactly(new String[] {"list"}, new String[] {"search", "a;b"});
        assertThat(TrainingRun.commandLines()).isEmpty();
    }
}
