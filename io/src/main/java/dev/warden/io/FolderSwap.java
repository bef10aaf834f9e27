package dev.warden.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Replaces a folder by a complete new one. The new folder is written beside the old one in full
 * before the swap starts, so after a crash between the two renames the new folder is the one to
 * keep; {@link #recover} finishes or cleans up such a swap. Each rename is synced.
 *
 * @since 0.1
 */
public final class FolderSwap {

    private static final String NEW = ".new-";
    private static final String OLD = ".old-";

    private FolderSwap() {
    }

    /** A fresh folder beside {@code target} to write the replacement into. */
    public static Path prepare(Path target) throws IOException {
        recover(target);
        Path fresh = target.resolveSibling(target.getFileName() + NEW + UUID.randomUUID());
        Files.createDirectories(fresh);
        return fresh;
    }

    /**
     * Puts {@code fresh} (from {@link #prepare}, now complete, its files written with {@link AtomicFiles} or
     * otherwise synced) in place of {@code target}, then deletes the old folder.
     */
    public static void commit(Path fresh, Path target) throws IOException {
        AtomicFiles.syncFolder(fresh);
        Path old = target.resolveSibling(target.getFileName() + OLD + UUID.randomUUID());
        if (Files.exists(target)) {
            AtomicFiles.rename(target, old);
        }
        AtomicFiles.rename(fresh, target);
        FileTrees.deleteTree(old);
    }

    /** Abandons a replacement that will not be committed. */
    public static void abandon(Path fresh) throws IOException {
        FileTrees.deleteTree(fresh);
    }

    /**
     * Finishes a swap a crash interrupted: with {@code target} present, leftovers are removed;
     * without it, a complete new folder takes its place.
     */
    public static void recover(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = target.getFileName().toString();
        Path newest = null;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, prefix + ".*")) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                if (name.startsWith(prefix + OLD)) {
                    FileTrees.deleteTree(sibling);
                } else if (name.startsWith(prefix + NEW)) {
                    // the target is only ever missing between the two renames of commit, when the new folder is whole
                    if (!Files.exists(target) && newest == null) {
                        newest = sibling;
                    } else {
                        FileTrees.deleteTree(sibling);
                    }
                }
            }
        }
        if (newest != null) {
            AtomicFiles.rename(newest, target);
        }
    }
}
