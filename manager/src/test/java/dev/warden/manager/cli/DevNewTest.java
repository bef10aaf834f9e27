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
