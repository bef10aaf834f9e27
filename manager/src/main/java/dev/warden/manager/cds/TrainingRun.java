package dev.warden.manager.cds;

import dev.warden.manager.cli.WardenMain;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.tuf.TufException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The training run of the launcher's class-data-sharing archive: runs several harmless command lines in one JVM,
 * so that the one archive this JVM writes at exit ({@code -XX:ArchiveClassesAtExit}, or the AOT cache on Java 25+)
 * holds the classes of all of them. The {@code warden} script starts it after a build, with a throwaway home.
 *
 * <p>Arguments: command lines separated by a lone {@code ;}, e.g. {@code --version ; list ; search x}. Output is
 * discarded; exit codes are ignored (a refused {@code verify} loads the same classes as a passing one). Two command
 * lines are not Warden's: {@code git-marketplace DIR} writes a small git marketplace into DIR for the lines after it
 * ({@link TrainingMarketplace}); {@code static-marketplace DIR} writes a signed static repository into DIR, serves
 * it over http on 127.0.0.1 ({@link TrainingStaticMarketplace}), adds it, publishes a new target and updates it.
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
            if (commandLine.length == 2 && commandLine[0].equals("static-marketplace")) {
                addAndUpdate(System.getenv(), Path.of(commandLine[1]), discard);
                continue;
            }
            WardenMain.run(System.getenv(), discard, discard, commandLine);
        }
        Fetchers.stopAll();
        System.exit(0);
    }

    /**
     * Adds the training's static marketplace, publishes to it and updates it; a failure trains less, nothing more.
     *
     * @return whether the add and the update both succeeded
     */
    static boolean addAndUpdate(Map<String, String> env, Path dir, PrintWriter out) {
        try (TrainingStaticMarketplace market = TrainingStaticMarketplace.start(dir)) {
            int added = WardenMain.run(env, out, out, "marketplace", "add", TrainingStaticMarketplace.NAME, market.url(),
                    "--yes");
            market.publish();
            return added == 0 && WardenMain.run(env, out, out, "marketplace", "update", TrainingStaticMarketplace.NAME) == 0;
        } catch (IOException | TufException e) {
            return false; // the archive of the other command lines is still written
        }
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
