package dev.warden.manager.lifecycle;

import dev.warden.catalog.permissions.PrivilegeIncrease;
import dev.warden.catalog.permissions.UpdateReview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Brings a bundle's {@code .mcp.json} into the update review, next to the manifest's own mcpServers. */
final class McpServerFiles {

    static final String FILE = ".mcp.json";

    private McpServerFiles() {
    }

    /**
     * @throws RefusalException when the update's {@code .mcp.json} is not valid JSON: a server that
     *     cannot be shown to the person is not started
     */
    static UpdateReview review(UpdateReview review, Path installedDir, Path updateDir) throws RefusalException, IOException {
        try {
            return PrivilegeIncrease.withMcpServerFiles(review, read(installedDir), read(updateDir));
        } catch (IllegalArgumentException e) {
            throw new RefusalException(FILE + " of the update cannot be reviewed: " + e.getMessage());
        }
    }

    private static Optional<String> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }
}
