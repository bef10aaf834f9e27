package dev.warden.manager.lifecycle;

import dev.warden.io.AtomicFiles;
import dev.warden.io.FileTrees;
import dev.warden.io.RealPaths;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Moves plugin folders into place durably and prunes the folders left empty by a removal. */
final class PluginFiles {

    private PluginFiles() {
    }

    /** Renames an extracted staging folder to its install location (same disk) and syncs the parent. */
    static void moveIntoPlace(Path staging, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // Not referenced by the committed state (the caller checked), so a leftover of a crash.
            FileTrees.deleteTree(target);
        }
        AtomicFiles.rename(staging, target);
    }

    /** Removes {@code dir} and then its parents up to (not including) {@code stop} while they are empty. */
    static void pruneEmpty(Path dir, Path stop) throws IOException {
        for (Path d = dir; d != null && RealPaths.isBelow(d, stop); d = d.getParent()) {
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
}
