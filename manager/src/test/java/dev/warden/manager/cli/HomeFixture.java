package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.HomeSnapshot;
import dev.warden.manager.testing.PeekPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where most command-line tests start: an empty Warden home and system folder in a temporary folder, and a
 * runner that runs commands in-process against them. A test that needs more builds it in its own set-up.
 */
abstract class HomeFixture {

    @TempDir
    Path temp;

    Path home;
    CliRunner warden;

    @BeforeEach
    void anEmptyHome() {
        home = temp.resolve("home");
        warden = new CliRunner(home, temp.resolve("system"));
    }

    /** Runs a command that must succeed; the failure message holds the command and all it printed. */
    CliRunner.Result ok(String... args) {
        CliRunner.Result result = warden.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.all()).isZero();
        return result;
    }

    /** Runs a command that must end with {@code exitCode} and leave the home exactly as it was. */
    CliRunner.Result failsLeavingTheHome(int exitCode, String... args) throws Exception {
        Map<String, String> before = HomeSnapshot.of(home);
        CliRunner.Result result = warden.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.all()).isEqualTo(exitCode);
        assertThat(HomeSnapshot.of(home)).isEqualTo(before);
        return result;
    }

    /** @return every file under the Warden home whose bytes hold {@code value}, as UTF-8 */
    List<Path> filesHolding(String value) throws IOException {
        String needle = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (NoSuchFileException renamed) {
                    continue; // an atomic write's temporary file, renamed into place since the listing
                }
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains(needle)) {
                    holding.add(file);
                }
            }
        }
        return holding;
    }

    /**
     * Installs the peek sample plugin, signed by a trusted {@code warden-samples}, and makes a workspace for it.
     *
     * @return the workspace, holding {@code hello.txt}
     */
    Path peekInstalledWithAWorkspace() throws Exception {
        Publisher samples = new Publisher(warden, temp.resolve("publisher"), "warden-samples").trusted();
        ok("install", samples.signFolder(PeekPlugin.writeTo(temp), "peek").toString(), "--yes");
        Path workspace = Files.createDirectories(temp.resolve("workspace"));
        Files.writeString(workspace.resolve("hello.txt"), "hello", StandardCharsets.UTF_8);
        return workspace;
    }
}
