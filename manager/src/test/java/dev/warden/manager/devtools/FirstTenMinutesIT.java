package dev.warden.manager.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.io.FileTrees;
import dev.warden.manager.testing.FreshMaven;
import dev.warden.manager.testing.NextSteps;
import dev.warden.manager.testing.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin author's first ten minutes (issue 16, done-when 1), on a machine where Maven never ran and the
 * network is out of reach: {@code warden dev new} runs as a person runs it (the built warden.jar, as the
 * launcher starts it), then the commands it prints, with bash, in a home of their own. Maven finds everything
 * but Warden's own artifacts through a 127.0.0.1 mirror of the build's repository; the plugin API it can only
 * get from Warden. README.md's "For plugin authors" is run the same way, as written.
 */
class FirstTenMinutesIT {

    private static final Duration WHOLE_PATH = Duration.ofSeconds(90);
    private static final int MOST_COMMANDS = 3;

    @TempDir
    Path temp;

    private FreshMaven maven;
    private Shell shell;

    @BeforeEach
    void aFreshMavenHomeAndAShellInIt() throws Exception {
        maven = FreshMaven.at(temp.resolve("home"), "dev/warden/");
        shell = new Shell(Files.createDirectories(temp.resolve("work")), maven.environment());
    }

    @AfterEach
    void stopTheMirror() {
        maven.close();
    }

    @Test
    void aNewProjectBuildsOnAFreshMavenRepositoryWithThePluginApiWardenInstalled() throws Exception {
        Shell.Result created = succeeded(shell.exec(warden("dev", "new", "acme/hello"), WHOLE_PATH));
        Shell.Result built = shell.run("cd hello && mvn -q -B package", WHOLE_PATH);

        assertThat(created.output()).contains("Installed the plugin API ").contains(" into ~/.m2/repository so the project builds.");
        assertThat(built.succeeded()).as(built.describe()).isTrue();
        assertThat(temp.resolve("work/hello/target/plugin/classes/acme/hello/GreetConnector.class")).isRegularFile();
        assertThat(maven.requests()).as("the build got its plugins through the mirror").isPositive();
        System.out.printf("first ten minutes: dev new %d ms, mvn -q -B package on a fresh repository %d ms%n",
                created.took().toMillis(), built.took().toMillis());
    }

    @Test
    void withoutWardensInstallTheBuildCannotFindThePluginApi() throws Exception {
        succeeded(shell.exec(warden("dev", "new", "acme/hello"), WHOLE_PATH));
        FileTrees.deleteTree(maven.repository().resolve("dev/warden"));

        Shell.Result built = shell.run("cd hello && mvn -q -B package", WHOLE_PATH);

        assertThat(built.succeeded()).as(built.describe()).isFalse();
        assertThat(built.output()).contains("Could not find artifact dev.warden:warden-plugin-api");
    }

    @Test
    void theCommandsDevNewPrintsReachAToolCallInThreeCommandsWithinNinetySeconds() throws Exception {
        reachesTheToolCall("dev", "new", "acme/hello");
    }

    @Test
    void theCommandsDevNewClaudePrintsReachAToolCallInThreeCommandsWithinNinetySeconds() throws Exception {
        reachesTheToolCall("dev", "new", "--claude", "acme/hello");
    }

    private void reachesTheToolCall(String... newProject) throws Exception {
        long start = System.nanoTime();

        List<Shell.Result> path = firstTenMinutes(shell, newProject);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(path).hasSizeBetween(2, MOST_COMMANDS);
        Shell.Result last = path.get(path.size() - 1);
        assertThat(last.output()).as(last.describe()).contains("Hello, Ada!");
        assertThat(took).as(describe(path)).isLessThan(WHOLE_PATH);
        System.out.printf("first ten minutes (%s): %d commands in %d ms%n", String.join(" ", newProject), path.size(),
                took.toMillis());
    }

    @Test
    void theReadmeForPluginAuthorsWorksAsWritten() throws Exception {
        Path root = Path.of(System.getProperty("warden.it.root", "..")).toAbsolutePath().normalize();
        List<String> commands = authorCommands(Files.readString(root.resolve("README.md")));
        assertThat(commands).as("the commands of README.md's 'For plugin authors'").hasSizeGreaterThanOrEqualTo(8);

        List<Shell.Result> path = new ArrayList<>();
        for (String command : commands) {
            if (command.contains(" dev serve ")) {
                continue; // a server for an MCP client; DevServeWatchTest drives it
            }
            Shell.Result result = shell.run(root.resolve("warden") + command.substring("./warden".length()), WHOLE_PATH);
            path.add(result);
            assertThat(result.succeeded()).as(describe(path)).isTrue();
            if (command.contains(" dev call ")) {
                assertThat(result.output()).as(result.describe()).contains("Hello, Ada!");
            }
        }
        assertThat(temp.resolve("home/src/acme-plugins/plugins/greeter/.claude-plugin/warden-signature.json")).isRegularFile();
    }

    /** The command lines of the bash blocks in README.md's "For plugin authors", up to "The steps underneath". */
    static List<String> authorCommands(String readme) {
        int start = readme.indexOf("## For plugin authors");
        int end = readme.indexOf("The steps underneath", start);
        assertThat(start).as("README.md has a 'For plugin authors' section").isNotNegative();
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        for (String line : readme.substring(start, end).split("\\R")) {
            if (line.startsWith("```")) {
                inBlock = line.equals("```bash");
            } else if (inBlock && line.startsWith("./warden ")) {
                int comment = line.indexOf("  #");
                commands.add((comment < 0 ? line : line.substring(0, comment)).strip());
            }
        }
        return commands;
    }

    /**
     * Runs {@code warden <newProject>} and then each command it prints under "Next:", in order, stopping at the
     * first that fails (that one is asserted to succeed, so its output is the failure message).
     *
     * @return every command run, the scaffold first
     */
    static List<Shell.Result> firstTenMinutes(Shell shell, String... newProject) throws Exception {
        List<Shell.Result> path = new ArrayList<>();
        Shell.Result created = succeeded(shell.exec(warden(newProject), WHOLE_PATH));
        path.add(created);
        List<String> steps = NextSteps.in(created.output());
        assertThat(steps).as("the commands printed under Next:\n" + created.output())
                .isNotEmpty().hasSizeLessThanOrEqualTo(MOST_COMMANDS - 1);
        for (String step : steps) {
            Shell.Result result = shell.run(step, WHOLE_PATH);
            path.add(result);
            assertThat(result.succeeded()).as(describe(path)).isTrue();
        }
        return path;
    }

    /** The command line a person's {@code ./warden} runs: the built jar, told where the repository is. */
    static List<String> warden(String... args) {
        Path root = Path.of(System.getProperty("warden.it.root", "..")).toAbsolutePath().normalize();
        Path jar = root.resolve("manager/target/warden.jar");
        assertThat(jar).as("warden.jar is built by 'mvn package' before the integration tests").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dwarden.repository=" + root, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Shell.Result succeeded(Shell.Result result) {
        assertThat(result.succeeded()).as(result.describe()).isTrue();
        return result;
    }

    private static String describe(List<Shell.Result> path) {
        StringBuilder out = new StringBuilder();
        path.forEach(result -> out.append(result.describe()).append('\n'));
        return out.toString();
    }
}
