package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.testing.HomeSnapshot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code warden dev call} on a project {@code warden dev new} scaffolded: one command builds, lints, packs, signs with a
 * development key, publishes to the development marketplace, installs into the development home and calls the tool.
 * Maven runs offline against this machine's local repository, where the plugin API must be installed.
 */
class DevCallTest extends HomeFixture {

    @Test
    void callsTheScaffoldedToolAndASecondCallAfterAnEditInstallsTheNextDevelopmentVersion() throws Exception {
        Path project = scaffold("acme/hello");
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result first = warden.run("dev", "call", project.toString(), "greet", "--input", "{\"name\":\"Ada\"}", "--offline");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).startsWith("Hello, Ada! Greetings from acme/hello.");
        assertThat(first.err()).contains("built in ").contains("signed with development key acme (dev) ")
                .contains("installed acme/hello 0.1.0-dev.1");

        Path manifest = project.resolve("src/main/plugin/plugin.json");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("Greets a person by name", "Greets a person by their name"));
        CliRunner.Result second = warden.run("dev", "call", project.toString(), "greet", "--input", "{\"name\":\"Bo\"}", "--offline");

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).startsWith("Hello, Bo!");
        assertThat(second.err()).contains("updated acme/hello 0.1.0-dev.1 -> 0.1.0-dev.2");
        assertThat(Files.readString(manifest)).as("the author's files keep their version").contains("\"version\": \"0.1.0\"");
        Map<String, String> after = new TreeMap<>(HomeSnapshot.of(home));
        after.keySet().removeIf(path -> path.equals("dev") || path.startsWith("dev/"));
        assertThat(after).as("the person's home changes only under dev/").isEqualTo(before);
    }

    @Test
    void aLintErrorNamesTheSourceFileAndItsJsonPathAndStopsTheLoop() throws Exception {
        Path project = scaffold("acme/lint-me");
        Path manifest = project.resolve("src/main/plugin/plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"description\": \"Greets a person by name\"",
                "\"description\": \"\""));

        CliRunner.Result result = warden.run("dev", "call", project.toString(), "greet", "--offline");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).contains("src/main/plugin/plugin.json:$.connectors[0].description")
                .doesNotContain("target/plugin/plugin.json").doesNotContain(".wpk");
        assertThat(result.out()).isEmpty();
    }

    private Path scaffold(String id) {
        assumeTrue(onPath("mvn"), "Maven is not on PATH");
        Path project = temp.resolve(id.substring(id.indexOf('/') + 1));
        ok("dev", "new", id, "--dir", project.toString());
        return project;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
