package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Future;

/**
 * The staging folder a bundle is extracted into: it must be absent or empty, only folders and files
 * created here are ever written (files with CREATE_NEW and without following links), and on failure
 * everything created is deleted, leaving the folder as it was.
 */
final class Staging {

    private final Path requested;
    private final Path root;
    private final boolean createdRoot;
    private final List<Path> directories = new ArrayList<>();
    private final List<Path> files = Collections.synchronizedList(new ArrayList<>());

    private Staging(Path requested, Path root, boolean createdRoot) {
        this.requested = requested;
        this.root = root;
        this.createdRoot = createdRoot;
    }

    /** Claims {@code dir}: creates it (its parent must exist) or checks that it is an empty real folder. */
    static Staging claim(Path dir) throws BundleException {
        try {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent == null || !Files.isDirectory(parent)) {
                    throw new BundleException(Failure.IO, "staging folder " + dir + " has no parent folder; create "
                            + parent + " first");
                }
                Files.createDirectory(dir);
                return new Staging(dir, dir.toRealPath(), true);
            }
            if (!attributes.isDirectory() || attributes.isSymbolicLink()) {
                throw new BundleException(Failure.IO, "staging folder " + dir + " is not a plain folder (a file or a link);"
                        + " choose another staging folder");
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                if (children.iterator().hasNext()) {
                    throw new BundleException(Failure.IO, "staging folder " + dir + " is not empty; remove its content or"
                            + " choose another staging folder");
                }
            }
            return new Staging(dir, dir.toRealPath(), false);
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot prepare staging folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Creates the folders every entry needs, shallowest first. */
    void createDirectories(List<ZipEntryRecord> entries) throws BundleException {
        TreeSet<String> needed = new TreeSet<>(Comparator.comparingInt((String s) -> s.split("/").length)
                .thenComparing(Comparator.naturalOrder()));
        for (ZipEntryRecord entry : entries) {
            String name = entry.isDirectory() ? entry.name().substring(0, entry.name().length() - 1) : entry.name();
            for (int at = name.indexOf('/'); at >= 0; at = name.indexOf('/', at + 1)) {
                needed.add(name.substring(0, at));
            }
            if (entry.isDirectory()) {
                needed.add(name);
            }
        }
        for (String dir : needed) {
            Path path = inside(dir);
            try {
                Files.createDirectory(path);
                directories.add(path);
            } catch (IOException e) {
                throw new BundleException(Failure.IO, dir, "cannot create folder '" + dir + "' in staging: " + e.getMessage(), e);
            }
        }
    }

    /** Opens a new file for an entry; never follows or replaces anything already there. */
    FileChannel create(String name) throws BundleException {
        Path path = inside(name);
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            files.add(path);
            return channel;
        } catch (IOException e) {
            throw new BundleException(Failure.IO, name, "cannot create '" + EntryNames.printable(name) + "' in staging: "
                    + e.getMessage(), e);
        }
    }

    static void write(FileChannel channel, byte[] bytes, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Makes every file and folder durable: with one file-system sync when there are many files,
     * else files in parallel (journaling file systems batch them), then folders.
     */
    void sync() throws BundleException {
        List<Path> snapshot;
        synchronized (files) {
            snapshot = new ArrayList<>(files);
        }
        if (snapshot.size() >= FileSystemSync.WORTH_IT_FROM_FILES && FileSystemSync.syncFileSystemOf(root)) {
            return;
        }
        int threads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
        try (ScopedExecutor pool = new ScopedExecutor(Math.min(threads, Math.max(1, snapshot.size())), "sync")) {
            List<Future<?>> done = new ArrayList<>();
            int chunk = Math.max(1, (snapshot.size() + threads - 1) / threads);
            for (int from = 0; from < snapshot.size(); from += chunk) {
                List<Path> part = snapshot.subList(from, Math.min(snapshot.size(), from + chunk));
                done.add(pool.submit(() -> {
                    for (Path p : part) {
                        force(p);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            for (int i = directories.size() - 1; i >= 0; i--) {
                force(directories.get(i));
            }
            force(root);
            if (createdRoot && root.getParent() != null) {
                force(root.getParent());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException(Failure.IO, "interrupted while syncing staging folder " + requested, e);
        } catch (java.util.concurrent.ExecutionException | IOException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BundleException(Failure.IO, "cannot sync staging folder " + requested + ": " + cause.getMessage(), cause);
        }
    }

    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        }
    }

    /** Deletes everything this staging created, newest first; the folder is left as it was found. */
    void rollback() {
        List<Path> all = new ArrayList<>();
        synchronized (files) {
            all.addAll(files);
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            all.add(directories.get(i));
        }
        if (createdRoot) {
            all.add(root);
        }
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Best effort: the install pipeline removes leftovers of staging folders at start-up.
            }
        }
    }

    private Path inside(String name) throws BundleException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new BundleException(Failure.UNSAFE_ENTRY, name, "entry '" + EntryNames.printable(name)
                    + "' resolves outside the staging folder");
        }
        return path;
    }
}
