package dev.warden.manager.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs {@code scripts/test-tools.sh} installs from npm into {@code .tools/}, and node that runs them. Where one
 * is missing the test is skipped, naming the script; where the environment variable {@code CI} is set it fails
 * instead, so CI cannot skip it silently.
 */
public final class TestTools {

    /** What installs the tools, from the repository root. */
    public static final String INSTALL_SCRIPT = "scripts/test-tools.sh";

    private TestTools() {
    }

    /**
     * @param repository the repository root, which holds {@code .tools/}
     * @param installed  a file under {@code .tools/}, such as {@code node_modules/.bin/claude}
     * @param what       what that file is, for the message
     * @return {@code .tools/installed}; the test is skipped (or failed, under CI) when it is not there
     */
    public static Path orSkip(Class<?> test, Path repository, String installed, String what) {
        Path path = repository.resolve(".tools").resolve(installed);
        if (!Files.exists(path)) {
            missing(test, what + " is not installed at " + path + "; run " + INSTALL_SCRIPT);
        }
        return path;
    }

    /** @return the {@code node} on the PATH; the test is skipped (or failed, under CI) when there is none */
    public static Path nodeOrSkip(Class<?> test) {
        return programOrSkip(test, "node", "install node and npm, then run " + INSTALL_SCRIPT);
    }

    /**
     * @param help what to do when the program is missing
     * @return the program on the PATH; the test is skipped (or failed, under CI) when there is none
     */
    public static Path programOrSkip(Class<?> test, String program, String help) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            missing(test, program + " is not on the PATH; " + help);
        }
        return found.orElseThrow();
    }

    private static void missing(Class<?> test, String reason) {
        if (System.getenv("CI") != null) {
            Assertions.fail(reason + " (CI is set, so this test does not skip)");
        }
        System.out.println(test.getSimpleName() + " skipped: " + reason);
        Assumptions.abort(reason);
    }
}
