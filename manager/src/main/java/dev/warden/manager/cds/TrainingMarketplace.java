package dev.warden.manager.cds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A small git marketplace of Claude plugins for the training run, so that the archive holds the classes of adding a
 * git marketplace and of installing, listing and removing one of its unverified plugins. Made in the training's
 * throwaway folder; nothing in it leaves this machine.
 */
final class TrainingMarketplace {

    static final String PLUGIN = "trainer";

    private TrainingMarketplace() {
    }

    /** Writes the marketplace into {@code dir} (which must not exist) and commits it. */
    static void write(Path dir) throws IOException, GitAPIException {
        Path plugin = dir.resolve("plugins").resolve(PLUGIN);
        write(plugin.resolve(".claude-plugin/plugin.json"),
                "{\"name\": \"" + PLUGIN + "\", \"version\": \"1.0.0\", \"description\": \"Trains the start-up archive\"}\n");
        write(plugin.resolve("skills/use-trainer/SKILL.md"),
                "---\nname: use-trainer\ndescription: Use when training\n---\n\nDo the thing.\n");
        write(plugin.resolve("agents/helper.md"), "---\nname: helper\ndescription: Helps\ntools: Read\n---\n\nYou help.\n");
        write(plugin.resolve(".mcp.json"),
                "{\"mcpServers\": {\"remote\": {\"type\": \"http\", \"url\": \"https://mcp.example.com/mcp\"}}}\n");
        write(dir.resolve(".claude-plugin/marketplace.json"), "{\"name\": \"training\", \"owner\": {\"name\": \"Warden\"},"
                + " \"plugins\": [{\"name\": \"" + PLUGIN + "\", \"source\": \"./plugins/" + PLUGIN + "\","
                + " \"description\": \"Trains\", \"version\": \"1.0.0\"}]}\n");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("training").setAuthor("warden", "warden@localhost")
                    .setCommitter("warden", "warden@localhost").setSign(false).call();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
