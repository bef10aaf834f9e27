package dev.warden.manager.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the end-to-end fixtures start from: a Warden home, system folder and workspace in a temporary folder,
 * and a runner that runs commands in-process against them.
 */
public abstract class TempWarden {

    public final Path temp;
    public final Path home;
    public final Path workspace;
    public final CliRunner warden;

    protected TempWarden(Path temp) throws IOException {
        this.temp = temp;
        this.home = temp.resolve("home");
        this.workspace = Files.createDirectories(temp.resolve("workspace"));
        this.warden = new CliRunner(home, temp.resolve("system"));
    }

    /** A publisher whose keys are made in {@code folder} of the temporary folder, trusted by this home. */
    protected Publisher trustedPublisher(String folder, String id) {
        return new Publisher(warden, temp.resolve(folder), id).trusted();
    }
}
