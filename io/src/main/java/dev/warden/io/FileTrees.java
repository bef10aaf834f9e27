package dev.warden.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deletes folder trees the one way Warden does: links are removed as links and never followed, so a
 * link inside a tree cannot make the deletion reach outside it, and the deletion is made durable.
 *
 * @since 0.1
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes a file, a link or a folder tree, then syncs the folder that held it. A read-only folder in
     * the tree is made writable first (installed plugins are read-only). Absent is fine.
     *
     * @throws IOException if an entry cannot be deleted; what was deleted before stays deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // without FOLLOW_LINKS the walk reports a link (even one to a folder) as a file, so it is unlinked, not entered
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        Path parent = root.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFiles.syncFolder(parent);
        }
    }

    /**
     * Deletes everything inside {@code folder} as {@link #deleteTree} does, keeping the folder itself.
     * A missing folder is fine; a link in its place is not followed (nothing is deleted).
     *
     * @throws IOException if an entry cannot be deleted
     */
    public static void deleteContents(Path folder) throws IOException {
        for (Path child : children(folder)) {
            deleteTree(child);
        }
    }

    /**
     * @return the entries of {@code folder}, sorted; empty if it is missing or not a folder (a link in its
     *         place is not followed)
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> children(Path folder) throws IOException {
        List<Path> children = new ArrayList<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(children::add);
        }
        children.sort(null);
        return children;
    }

    private static void makeWritable(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null || Files.isWritable(dir)) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        permissions.add(PosixFilePermission.OWNER_WRITE);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        view.setPermissions(permissions);
    }
}
