package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DevNewTest extends HomeFixture {

    @Test
    void scaffoldedProjectBuildsWithMavenAndItsPluginLintsAndPacksClean() throws Exception {
        Path project = temp.resolve("weather-alerts");
        CliRunner.Result created = warden.run("dev", "new", "acme/weather-alerts", "--dir", project.toString());
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(project.resolve("src/main/java/acme/weather_alerts/WeatherAlertsPlugin.java")).exists();
        assertThat(Files.readString(project.resolve("pom.xml"))).contains("warden-plugin-api").doesNotContain("{{");

        assumeTrue(onPath("mvn"), "Maven is not on PATH");
        Process build = new ProcessBuilder("mvn", "-o", "-q", "-B", "package")
                .directory(project.toFile()).redirectErrorStream(true).start();
        String log = new String(build.getInputStream().readAllBytes());
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(log).isZero();

        Path plugin = project.resolve("target/plugin");
        assertThat(plugin.resolve("classes/acme/weather_alerts/GreetConnector.class")).exists();
        CliRunner.Result linted = warden.run("lint", "--strict", plugin.toString());
        assertThat(linted.exitCode()).as(linted.all()).isZero();
        Path bundle = temp.resolve("acme-weather-alerts-0.1.0.wpk");
        CliRunner.Result packed = warden.run("pack", plugin.toString(), "--out", bundle.toString());
        assertThat(packed.exitCode()).as(packed.all()).isZero();
        assertThat(bundle).exists();
    }

    @Test
    void installsThePluginApiIntoTheLocalMavenRepositoryOfTheHomeFolderAndSaysSoOnce() throws Exception {
        Path userHome = Path.of(warden.environment().get("HOME"));
        String version = dev.warden.manager.devtools.PluginApiArtifact.ofThisWarden().version();
        Path jar = userHome.resolve(".m2/repository/dev/warden/warden-plugin-api/" + version
                + "/warden-plugin-api-" + version + ".jar");

        CliRunner.Result first = ok("dev", "new", "acme/hello", "--dir", temp.resolve("hello").toString());
        CliRunner.Result second = ok("dev", "new", "acme/again", "--dir", temp.resolve("again").toString());

        assertThat(jar).isRegularFile();
        assertThat(jar.resolveSibling("warden-plugin-api-" + version + ".pom")).isRegularFile();
        assertThat(first.out()).contains("Installed the plugin API " + version + " into ~/.m2/repository so the project builds.");
        assertThat(second.out()).contains("The plugin API " + version + " is already in ~/.m2/repository, so the project builds.");
    }

    @Test
    void itsNextStepIsOneDevCallOfTheSampleToolWithTheFolderAsTyped() {
        Path project = temp.resolve("my hello");

        CliRunner.Result created = ok("dev", "new", "acme/hello", "--dir", project.toString());

        assertThat(created.out()).endsWith(String.join(System.lineSeparator(),
                "Next: build, sign with a development key, install and call the tool in one command:",
                "  warden dev call '" + project + "' greet --input '{\"name\":\"Ada\"}'",
                "",
                "  warden dev serve '" + project + "' --watch   # serve it to an MCP client, rebuilding on each change",
                ""));
    }

    @Test
    void aLocalMavenRepositoryThatCannotBeWrittenIsAClearErrorAndNoProjectIsWritten() throws Exception {
        Path userHome = Files.createDirectories(Path.of(warden.environment().get("HOME")));
        Files.writeString(userHome.resolve(".m2"), "a file where Maven's folder would be");
        Path project = temp.resolve("hello");

        CliRunner.Result created = warden.run("dev", "new", "acme/hello", "--dir", project.toString());

        assertThat(created.exitCode()).as(created.all()).isEqualTo(ExitCode.ERROR);
        assertThat(created.err()).contains("cannot install the plugin API")
                .contains("Make that folder writable, or set <localRepository> in ~/.m2/settings.xml")
                .doesNotContain("Exception");
        assertThat(project).doesNotExist();
        assertThat(userHome.resolve(".m2")).hasContent("a file where Maven's folder would be");
    }

    @Test
    void refusesAnIdThatIsNotPublisherSlashKebabName() {
        CliRunner.Result noSlash = warden.run("dev", "new", "hello", "--dir", temp.resolve("a").toString());
        CliRunner.Result upper = warden.run("dev", "new", "Acme/Hello", "--dir", temp.resolve("b").toString());

        assertThat(noSlash.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(upper.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(upper.err()).contains("kebab-case");
        assertThat(temp.resolve("a")).doesNotExist();
        assertThat(temp.resolve("b")).doesNotExist();
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndLeavesItAlone() throws Exception {
        Path project = temp.resolve("busy");
        Files.createDirectories(project);
        Files.writeString(project.resolve("notes.txt"), "mine");

        CliRunner.Result created = warden.run("dev", "new", "acme/busy", "--dir", project.toString());

        assertThat(created.exitCode()).isEqualTo(ExitCode.ERROR);
        try (var files = Files.list(project)) {
            assertThat(files).containsExactly(project.resolve("notes.txt"));
        }
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
