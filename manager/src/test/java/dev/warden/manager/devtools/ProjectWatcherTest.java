package dev.warden.manager.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher of {@code warden dev serve --watch}: what builds and editors write is not a change of the project. */
class ProjectWatcherTest {

    @TempDir
    Path project;

    @Test
    void buildOutputVersionControlPackagesAndEditorTemporaryFilesAreNotWatched() {
        for (String ignored : List.of("target/plugin/plugin.json", ".git/index", "web/node_modules/x/index.js",
                "src/main/plugin/.plugin.json.swp", "src/main/plugin/plugin.json~", "src/main/plugin/.#plugin.json",
                "src/main/plugin/4913", "build/classes/A.class")) {
            assertThat(ProjectWatcher.watched(Path.of(ignored))).as(ignored).isFalse();
        }
        for (String watched : List.of("src/main/plugin/plugin.json", "pom.xml", "src/main/java/acme/build/Tool.java",
                ".mcp.json", "skills/greeting/SKILL.md")) {
            assertThat(ProjectWatcher.watched(Path.of(watched))).as(watched).isTrue();
        }
    }

    @Test
    void aBurstOfChangesIsOneCallbackAndBuildOutputIsNone() throws Exception {
        Path sources = Files.createDirectories(project.resolve("src/main/plugin"));
        Path target = Files.createDirectories(project.resolve("target"));
        AtomicInteger calls = new AtomicInteger();
        List<String> problems = new CopyOnWriteArrayList<>();
        try (ProjectWatcher watcher = ProjectWatcher.start(project, Duration.ofMillis(300), calls::incrementAndGet, problems::add)) {
            Files.writeString(target.resolve("out.txt"), "built");
            Thread.sleep(1000);
            assertThat(calls).as("a change in target/").hasValue(0);

            for (int i = 0; i < 5; i++) {
                Files.writeString(sources.resolve("plugin.json"), "{} " + i);
                Thread.sleep(20);
            }
            Path newFolder = Files.createDirectories(sources.resolve("skills/new"));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (calls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(800);
            // six changes within about 0.1 s settle into one call; a machine stalled past the settling time may make two
            int afterBurst = calls.get();
            assertThat(afterBurst).as("one burst, one call").isBetween(1, 2);

            Files.writeString(newFolder.resolve("SKILL.md"), "---");
            deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (calls.get() == afterBurst && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(calls).as("a file in a folder made after the start is watched too").hasValue(afterBurst + 1);
        }
        assertThat(problems).isEmpty();
    }
}
