package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which commands a run builds: the one it invokes, or all of them for the top-level help and unknown words. */
class CommandsTest extends HomeFixture {

    static CommandLine root() {
        CliContext context = new CliContext(Map.of(), new BufferedReader(Reader.nullReader()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Clock.systemUTC(), false);
        return new CommandLine(new WardenCommand(context));
    }

    @Test
    void everyCommandIsBuiltAloneUnderTheNameItsAnnotationGives() {
        assertThat(Commands.names()).hasSize(33).doesNotHaveDuplicates().startsWith("keys", "pack").contains("list", "config", "tuf-client");
        for (String name : Commands.names()) {
            CommandLine root = Commands.addTo(root(), name, "--help");

            assertThat(root.getSubcommands()).as(name).containsOnlyKeys(name);
            assertThat(root.getSubcommands().get(name).getCommandSpec().name()).isEqualTo(name);
        }
    }

    @Test
    void theWholeTreeIsBuiltInHelpOrderWhenNoCommandIsNamedFirst() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-h", "list"}, {"lst"}, {"--home"}, {"--bogus", "list"},
                {"@args.txt"}, {"--", "list"}, {"--home=", "list"}}) {
            assertThat(Commands.addTo(root(), args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Commands.names());
        }
    }

    @Test
    void onlyTheRootsHomeAndDebugOptionsMayComeBeforeTheCommand() {
        assertThat(Commands.invoked("list")).contains("list");
        assertThat(Commands.invoked("--home", "/x", "--debug", "marketplace", "add")).contains("marketplace");
        assertThat(Commands.invoked("--home=/x", "info", "acme/a")).contains("info");
        assertThat(Commands.invoked("--home", "list", "info")).contains("info");
        assertThat(Commands.invoked("--home", "list")).isEqualTo(Optional.empty());
        assertThat(Commands.invoked("--verbose", "list")).isEmpty();
        assertThat(Commands.invoked("install-all")).isEmpty();
    }

    @Test
    void theTopLevelHelpListsEveryCommandAndAWardenWithoutWordsPrintsTheSame() {
        CliRunner.Result help = ok("--help");

        for (String name : Commands.names()) {
            assertThat(help.out()).contains("\n  " + name + " ");
        }
        assertThat(ok().out()).isEqualTo(help.out());
    }

    @Test
    void aMisspelledCommandIsStillAUsageError() {
        CliRunner.Result typo = warden.run("lst");

        assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(typo.err()).contains("Unmatched argument at index 0: 'lst'").contains("Run 'warden --help' for usage.");
    }

    @Test
    void theRootOptionsReachTheCommandWhereverTheyStand() {
        assertThat(ok("--home", home.toString(), "list").out()).contains("No plugins installed");
        assertThat(ok("list", "--home", home.toString(), "--debug").out()).contains("No plugins installed");
        assertThat(ok("list", "--help").out()).contains("Usage: warden list");
    }
}
