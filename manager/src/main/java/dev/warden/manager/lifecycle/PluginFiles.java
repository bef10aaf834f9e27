package dev.warden.manager.lifecycle;

import dev.warden.catalog.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Moves plugin folders into place durably and removes them without following links. */
final class PluginFiles {

    private PluginFiles() {
    }

    /** Renames an extracted staging folder to its install location (same disk) and syncs the parent. */
    static void moveIntoPlace(Path staging, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Not referenced by the committed state (the caller checked), so a leftover of a crash.
            deleteTree(target);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
    }

    /** Deletes a folder tree; links are removed, never followed. Absent is fine. */
    static void deleteTree(Path root) throws IOException {
        StateStore.deleteTree(root);
    }

    /** Removes {@code dir} and then its parents up to (not including) {@code stop} while they are empty. */
    static void pruneEmpty(Path dir, Path stop) throws IOException {
        for (Path d = dir; d != null && d.startsWith(stop) && !d.equals(stop); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (var entries = Files.list(d)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(d);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
