package dev.warden.manager.cds;

import dev.warden.manager.cli.WardenMain;
import dev.warden.registry.fetch.Fetchers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The training run of the launcher's class-data-sharing archive: runs several harmless command lines in one JVM,
 * so that the one archive this JVM writes at exit ({@code -XX:ArchiveClassesAtExit}, or the AOT cache on Java 25+)
 * holds the classes of all of them. The {@code warden} script starts it after a build, with a throwaway home.
 *
 * <p>Arguments: command lines separated by a lone {@code ;}, e.g. {@code --version ; list ; search x}. Output is
 * discarded; exit codes are ignored (a refused {@code verify} loads the same classes as a passing one). The command
 * line {@code git-marketplace DIR} is not Warden's: it writes a small git marketplace into DIR for the lines after it
 * ({@link TrainingMarketplace}).
 */
public final class TrainingRun {

    private TrainingRun() {
    }

    public static void main(String[] args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        for (String[] commandLine : commandLines(args)) {
            if (commandLine.length == 2 && commandLine[0].equals("git-marketplace")) {
                try {
                    TrainingMarketplace.write(Path.of(commandLine[1]));
                } catch (IOException | GitAPIException e) {
                    // the lines after it then fail and train less; the archive of the rest is still written
                }
                continue;
            }
            WardenMain.run(System.getenv(), discard, discard, commandLine);
        }
        Fetchers.stopAll();
        System.exit(0);
    }

    static List<String[]> commandLines(String... args) {
        List<String[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(";")) {
                if (i > start) {
                    lines.add(Arrays.copyOfRange(args, start, i));
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
