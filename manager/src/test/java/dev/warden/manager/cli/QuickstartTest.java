package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {

    @TempDir
    Path temp;

    @BeforeEach
    void useTheSamplePluginsTheReactorBuilt() {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(repository.resolve("sample-plugins/weather/target/plugin/plugin.json")),
                "the sample plugins are not built (run the whole reactor: mvn install)");
        System.setProperty(QuickstartCommand.REPOSITORY_PROPERTY, repository.toString());
    }

    @AfterEach
    void forgetTheRepository() {
        System.clearProperty(QuickstartCommand.REPOSITORY_PROPERTY);
    }

    @Test
    void tourSignsVerifiesAndRefusesTheTamperedCopyAndCanRunAgain() {
        CliRunner warden = new CliRunner(temp.resolve("home"), temp.resolve("system"));

        CliRunner.Result first = warden.run("quickstart");
        CliRunner.Result second = warden.run("quickstart");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).contains("Verified warden-samples/commit-helper 1.0.0")
                .contains("Verified warden-samples/weather 1.0.0")
                .contains("LOW       Connect to api.weather.gov over HTTPS");
        assertThat(first.out()).contains("NOT VERIFIED").contains("which no trusted publisher lists").contains("differs from its SHA-256");
        assertThat(first.out()).contains("warden marketplace add demo").contains("Installed warden-samples/notes 1.0.0")
                .contains("try Warden with my agent").contains("tool.call").contains("The audit log is intact")
                .contains("\"mcpServers\"").contains("\"serve\"");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("Installed warden-samples/notes 1.0.0").contains("\"total\":1");
        assertThat(temp.resolve("home/trust")).doesNotExist();
        assertThat(temp.resolve("home/demo/home/trust/publishers/warden-samples.json")).exists();
    }
}
