package dev.warden.manager.cli;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.WardenProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a start of {@code warden} loads, seen in a JVM of its own with {@code -Xlog:class+load}: the model of the one
 * command invoked, and none of the heavy libraries (a Jackson mapper, JGit, the MCP SDK, Jetty, ASM, Bouncy Castle)
 * a read-only command does not use.
 */
class StartupClassLoadingTest extends TrustedAcmeFixture {

    /** Class-name prefixes of the libraries a read-only command must not load; Jackson's tree model is allowed. */
    static final List<String> HEAVY = List.of("tools.jackson.databind.ObjectMapper", "tools.jackson.databind.ser.",
            "tools.jackson.databind.deser.", "tools.jackson.databind.introspect.", "org.eclipse.jgit.",
            "io.modelcontextprotocol.", "org.eclipse.jetty.", "org.objectweb.asm.", "org.bouncycastle.", "reactor.");

    /** Runs warden in a fresh JVM against this test's home; returns the names of the classes it loaded. */
    List<String> classesLoadedBy(String... args) throws Exception {
        Path log = temp.resolve("class-load-" + System.nanoTime() + ".txt");
        Path output = temp.resolve("output-" + System.nanoTime() + ".txt");
        List<String> command = new ArrayList<>(WardenProcess.command(args));
        command.add(1, "-Xlog:class+load=info:file=" + log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("WARDEN_HOME", home.toString(), "WARDEN_SYSTEM_DIR", temp.resolve("system").toString()));
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("warden %s finished", List.of(args)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int at = line.indexOf("[class,load] ");
            if (at >= 0) {
                String rest = line.substring(at + "[class,load] ".length());
                classes.add(rest.substring(0, rest.indexOf(' ') < 0 ? rest.length() : rest.indexOf(' ')));
            }
        }
        assertThat(classes).as("the class-load log of warden %s", List.of(args)).contains(WardenMain.class.getName());
        return classes;
    }

    static List<String> heavy(List<String> classes) {
        return classes.stream().filter(name -> HEAVY.stream().anyMatch(name::startsWith)).toList();
    }

    static List<String> commandsBuilt(List<String> classes) {
        return classes.stream().filter(name -> name.startsWith("dev.warden.manager.cli.") && name.endsWith("Command")
                && !name.endsWith(".WardenCommand") && !name.endsWith("BaseCommand") && !name.endsWith("JsonCommand")).toList();
    }

    @Test
    void versionLoadsNoPicocliNoCommandAndNoJson() throws Exception {
        List<String> classes = classesLoadedBy("--version");

        assertThat(classes).noneMatch(name -> name.startsWith("picocli.") || name.startsWith("tools.jackson."));
        assertThat(commandsBuilt(classes)).isEmpty();
        assertThat(heavy(classes)).isEmpty();
    }

    @Test
    void listBuildsOnlyTheListCommandAndReadsNoJsonWithoutAPolicy() throws Exception {
        ok("install", acme.sign(plugin("acme", "notes").skill("notes", "Take notes", "Write notes."), "notes").toString(), "--yes");

        List<String> classes = classesLoadedBy("list");

        assertThat(commandsBuilt(classes)).containsExactly(ListCommand.class.getName());
        assertThat(classes).noneMatch(name -> name.startsWith("tools.jackson."));
        assertThat(classes).as("list, with nothing to parse, runs without picocli").noneMatch(name -> name.startsWith("picocli."));
        assertThat(heavy(classes)).isEmpty();
    }

    @Test
    void infoOfAnInstalledPluginBuildsNoJacksonMapperEvenForClaudeFieldsAndToolSchemas() throws Exception {
        ok("install", acme.sign(plugin("acme", "notes").skill("notes", "Take notes", "Write notes.")
                .connector("jot", "Jot a note", "{\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}}"),
                "notes").toString(), "--yes");

        List<String> classes = classesLoadedBy("info", "acme/notes");

        // info borrows InstallCommand's static parser of ID@VERSION: the class loads, its model is not built
        assertThat(commandsBuilt(classes)).containsExactlyInAnyOrder(InfoCommand.class.getName(), InstallCommand.class.getName());
        assertThat(heavy(classes)).isEmpty();
    }

    @Test
    void theVersionPrintedWithoutPicocliIsWhatPicocliPrints() {
        StringWriter picocli = new StringWriter();
        CliContext context = new CliContext(Map.of(), new java.io.BufferedReader(java.io.Reader.nullReader()),
                new PrintWriter(picocli, true), new PrintWriter(new StringWriter(), true), Clock.systemUTC(), false);
        new CommandLine(new WardenCommand(context)).printVersionHelp(new PrintWriter(picocli, true));

        assertThat(warden.run("--version").out()).isEqualTo(picocli.toString());
        assertThat(warden.run("-V").out()).isEqualTo(picocli.toString());
        assertThat(warden.run("--version").exitCode()).isZero();
    }
}
