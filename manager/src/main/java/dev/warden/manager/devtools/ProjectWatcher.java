package dev.warden.manager.devtools;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a project folder and everything below it for {@code warden dev serve --watch}, leaving out what builds and
 * tools write ({@code target/}, {@code .git/}, {@code node_modules/}, editors' temporary files), and calls back once
 * a burst of changes has settled, on a thread of its own. Changes made while the callback runs make one call more.
 */
public final class ProjectWatcher implements AutoCloseable {

    /** How long changes must have settled before the callback: an editor's save is several events. */
    public static final Duration SETTLE = Duration.ofMillis(300);

    /** What builds and IDEs write at the project's top. */
    private static final Set<String> SKIPPED_AT_TOP = Set.of("target", "build", ".gradle", ".idea");
    /** What version control and package managers write anywhere. */
    private static final Set<String> SKIPPED_ANYWHERE = Set.of(".git", "node_modules");

    private final Path root;
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Duration settle;
    private final Runnable changed;
    private final Consumer<String> report;
    private final Thread thread;

    private ProjectWatcher(Path root, Duration settle, Runnable changed, Consumer<String> report) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.settle = settle;
        this.changed = changed;
        this.report = report;
        this.service = FileSystems.getDefault().newWatchService();
        register(this.root);
        this.thread = new Thread(this::watch, "warden-dev-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param changed called, on the watcher's thread, after changes settled
     * @param report  where problems of the watching itself go
     */
    public static ProjectWatcher start(Path root, Duration settle, Runnable changed, Consumer<String> report) throws IOException {
        ProjectWatcher watcher = new ProjectWatcher(root, settle, changed, report);
        watcher.thread.start();
        return watcher;
    }

    /** @return whether a change of {@code relative} (to the project folder) is one the build does not make itself */
    static boolean watched(Path relative) {
        if (relative.getNameCount() > 0 && SKIPPED_AT_TOP.contains(relative.getName(0).toString())) {
            return false;
        }
        for (Path part : relative) {
            if (SKIPPED_ANYWHERE.contains(part.toString())) {
                return false;
            }
        }
        Path file = relative.getFileName();
        if (file == null) {
            return true;
        }
        String name = file.toString();
        return !(name.endsWith("~") || name.startsWith(".#") || name.startsWith("#") || name.endsWith(".swp")
                || name.endsWith(".swx") || name.endsWith(".swo") || name.equals("4913") || name.endsWith(".tmp")
                || name.startsWith(".~") || name.equals(".DS_Store"));
    }

    private void register(Path start) throws IOException {
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && !watched(root.relativize(dir))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                synchronized (folders) {
                    folders.put(key, dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone already, or not ours to read: not a change of the project
            }
        });
    }

    private void watch() {
        try {
            while (true) {
                boolean relevant = drain(service.take());
                // wait until nothing more happened for `settle`
                WatchKey next;
                while ((next = service.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(next);
                }
                if (relevant) {
                    try {
                        changed.run();
                    } catch (RuntimeException e) {
                        report.accept("warden dev: " + e);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    /** Takes a key's events; registers new folders; @return whether any event was of a watched file */
    private boolean drain(WatchKey key) {
        Path dir;
        synchronized (folders) {
            dir = folders.get(key);
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true;
                continue;
            }
            if (dir == null) {
                continue;
            }
            Path changedPath = dir.resolve((Path) event.context());
            Path relative = root.relativize(changedPath);
            if (!watched(relative)) {
                continue;
            }
            relevant = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changedPath, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    register(changedPath);
                } catch (IOException e) {
                    report.accept("warden dev: cannot watch " + changedPath + ": " + e.getMessage());
                }
            }
        }
        if (!key.reset()) {
            synchronized (folders) {
                folders.remove(key);
            }
        }
        return relevant;
    }

    /** Stops watching; a callback running now finishes. */
    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
