package dev.warden.manager.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders below one root that walks went through, kept open so that the next walk need not open
 * them again (an open costs six system calls, a check one). A kept folder is handed out only after one
 * {@code fstatat} of its name in its parent, not following links, shows the very folder held open
 * (same device and inode): one renamed away, replaced, or swapped for a link is dropped and opened
 * afresh. Holding the folder open keeps its inode from being reused meanwhile.
 */
final class OpenFolders implements Closeable {

    /** Each kept folder holds two descriptors (the stream's and its duplicate). */
    static final int MAX_KEPT = 32;

    /** One kept folder handle, in use by {@code users} walks; released with {@link #release}. */
    static final class Folder {
        final SecureDirectoryStream<Path> stream;
        private final Path name;
        private final Object key;
        private int users;
        private boolean dropped;

        private Folder(SecureDirectoryStream<Path> stream, Path name, Object key) {
            this.stream = stream;
            this.name = name;
            this.key = key;
        }
    }

    /** In the order they were opened: the oldest is closed first when there are too many. */
    private final Map<List<String>, Folder> kept = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param parent the open folder that holds the last of {@code path}, already checked
     * @param path   the names of the folder below the root, outermost first
     * @return the folder, leased to the caller until {@link #release}: the kept one if the name in
     *         {@code parent} still leads to it, else one opened now without following a link
     * @throws IOException if the name cannot be opened as a folder (missing, a link, a file, refused)
     */
    Folder open(SecureDirectoryStream<Path> parent, List<String> path) throws IOException {
        Folder folder = lease(path);
        if (folder != null) {
            boolean same = false;
            try {
                BasicFileAttributes now = RootFolder.lstat(parent, folder.name);
                same = now != null && now.isDirectory() && folder.key.equals(now.fileKey());
            } finally {
                if (!same) {
                    drop(path, folder);
                    release(folder);
                }
            }
            if (same) {
                return folder;
            }
        }
        Path name = Path.of(path.get(path.size() - 1));
        SecureDirectoryStream<Path> opened = parent.newDirectoryStream(name, RootFolder.NOFOLLOW);
        Object key;
        try {
            // the key of what was opened, not of what an lstat saw before: the name may have changed between
            key = opened.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return keep(path, new Folder(opened, name, key));
    }

    /** Ends one use of a folder from {@link #open}; a dropped one is closed by its last user. */
    void release(Folder folder) throws IOException {
        boolean last;
        synchronized (this) {
            last = --folder.users == 0 && folder.dropped;
        }
        if (last) {
            folder.stream.close();
        }
    }

    private synchronized Folder lease(List<String> path) {
        Folder folder = kept.get(path);
        if (folder != null) {
            folder.users++;
        }
        return folder;
    }

    /** Keeps a folder just opened, leased to its opener; a file system without file keys cannot be checked, so nothing is kept there. */
    private Folder keep(List<String> path, Folder folder) throws IOException {
        List<Folder> unused = new ArrayList<>();
        synchronized (this) {
            folder.users = 1;
            if (closed || folder.key == null) {
                folder.dropped = true;
                return folder;
            }
            Folder before = kept.put(List.copyOf(path), folder);
            if (before != null) {
                dropLocked(before, unused);
            }
            if (kept.size() > MAX_KEPT) {
                var eldest = kept.entrySet().iterator();
                Folder old = eldest.next().getValue();
                eldest.remove();
                dropLocked(old, unused);
            }
        }
        try {
            closeAll(unused);
        } catch (IOException e) {
            release(folder);
            throw e;
        }
        return folder;
    }

    /** Forgets a folder its name no longer leads to; the caller still holds it and closes it by releasing it. */
    private synchronized void drop(List<String> path, Folder folder) {
        kept.remove(path, folder);
        folder.dropped = true;
    }

    private static void dropLocked(Folder folder, List<Folder> unused) {
        folder.dropped = true;
        if (folder.users == 0) {
            unused.add(folder);
        }
    }

    private static void closeAll(List<Folder> folders) throws IOException {
        IOException first = null;
        for (Folder f : folders) {
            try {
                f.stream.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** @return how many folders are kept open now (for tests) */
    synchronized int size() {
        return kept.size();
    }

    /** Closes the kept folders no walk is using; those in use are closed when released. */
    @Override
    public void close() throws IOException {
        List<Folder> unused = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Folder f : kept.values()) {
                dropLocked(f, unused);
            }
            kept.clear();
        }
        closeAll(unused);
    }
}
