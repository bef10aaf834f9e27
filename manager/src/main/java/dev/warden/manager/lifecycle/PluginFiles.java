package dev.warden.manager.lifecycle;

import dev.warden.catalog.state.StateStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException filledMeanwhile) {
                return; // another process put its own folder here after the listing
            }
        }
    }

    /**
     * Creates {@code dir} and the folders above it, while other processes may prune those folders when they
     * find them empty ({@link #pruneEmpty}): a parent removed between two steps is made again.
     */
    static void createFolderBesideOthers(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return;
            } catch (NoSuchFileException prunedMeanwhile) {
                if (attempt == 3) {
                    throw prunedMeanwhile;
                }
            }
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
