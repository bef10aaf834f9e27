package dev.warden.manager.cds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.cli.WardenMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theTrainingsGitMarketplaceIsAddedAndItsPluginInstalledListedAndRemoved(@TempDir Path dir) throws Exception {
        Path market = dir.resolve("market");
        TrainingMarketplace.write(market);
        Map<String, String> env = Map.of("WARDEN_HOME", dir.resolve("home").toString(),
                "WARDEN_SYSTEM_DIR", dir.resolve("system").toString());
        String id = "unverified-training/" + TrainingMarketplace.PLUGIN;

        assertThat(run(env, "marketplace", "add", "training", market.toString(), "--yes")).isZero();
        assertThat(run(env, "install", id, "--yes", "--allow-unverified")).isZero();
        StringWriter listed = new StringWriter();
        assertThat(WardenMain.run(env, new PrintWriter(listed), new PrintWriter(new StringWriter()), "list")).isZero();
        assertThat(listed.toString()).contains(id);
        assertThat(run(env, "remove", id)).isZero();
    }

    @Test
    void theTrainingsStaticMarketplaceIsServedOverHttpAddedAndUpdatedWithItsNewTarget(@TempDir Path dir) {
        Map<String, String> env = Map.of("WARDEN_HOME", dir.resolve("home").toString(),
                "WARDEN_SYSTEM_DIR", dir.resolve("system").toString());
        StringWriter out = new StringWriter();

        boolean done = TrainingRun.addAndUpdate(env, dir.resolve("static"), new PrintWriter(out, true));

        assertThat(done).as("add and update succeed; said: %s", out).isTrue();
        assertThat(out.toString()).contains("training-static: updated", "new: training/trainer-2");
        StringWriter found = new StringWriter();
        assertThat(WardenMain.run(env, new PrintWriter(found), new PrintWriter(new StringWriter()), "search", "trainer-2"))
                .isZero();
        assertThat(found.toString()).contains("training/trainer-2");
    }

    private static int run(Map<String, String> env, String... args) {
        StringWriter err = new StringWriter();
        int code = WardenMain.run(env, new PrintWriter(new StringWriter()), new PrintWriter(err), args);
        assertThat(err.toString()).as("standard error of %s", String.join(" ", args)).doesNotContain("Exception");
        return code;
    }
}
