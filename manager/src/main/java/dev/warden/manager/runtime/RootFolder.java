package dev.warden.manager.runtime;

import dev.warden.io.RealPaths;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One root folder of a plugin, held open, and the walk from it to a path without following links.
 * Every folder on the way is opened relative to the one before ({@code openat} with
 * {@code O_NOFOLLOW}), or taken from {@link OpenFolders} once its name is seen to still lead to it, so
 * what is opened is exactly what was checked, whatever is renamed meanwhile.
 */
final class RootFolder implements Closeable {

    static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final List<String> KERNEL_FOLDERS = List.of("/proc", "/sys", "/dev");

    /** How far a walk got. */
    enum Status {
        /** The path exists; {@code attrs} describe it, not following a final link. */
        FOUND,
        /** The name at {@code depth} does not exist. */
        MISSING,
        /** The name at {@code depth} is a file where a folder is needed. */
        NOT_FOLDER,
        /** The name at {@code depth} is a link; only seen inside this class. */
        LINK,
        /** Following the links leads outside the root; {@code outside} is where. */
        OUTSIDE,
        /** A link was still found on the resolved path: it changed meanwhile, or leads nowhere. */
        CHANGED,
        /** The root folder does not exist. */
        NO_ROOT,
        /** The root lies in /proc, /sys or /dev. */
        KERNEL_ROOT
    }

    private final Path given;
    private final OpenFolders folders = new OpenFolders();
    private Path real;
    private SecureDirectoryStream<Path> stream;
    private boolean closed;

    RootFolder(Path given) {
        this.given = given.toAbsolutePath().normalize();
    }

    /** @return the real root path, or the given one while it does not exist */
    synchronized Path path() {
        return real != null ? real : given;
    }

    /** @return the open root, or null if it does not exist */
    private synchronized SecureDirectoryStream<Path> open() throws IOException {
        if (closed) {
            throw new IllegalStateException("the file capability was closed");
        }
        if (stream == null) {
            Path r;
            try {
                r = given.toRealPath();
            } catch (NoSuchFileException e) {
                return null;
            }
            if (isKernelPath(r)) {
                real = r;
                return null;
            }
            DirectoryStream<Path> ds = java.nio.file.Files.newDirectoryStream(r);
            if (!(ds instanceof SecureDirectoryStream)) {
                ds.close();
                throw new IOException("this platform cannot open files relative to a folder without following links");
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) ds;
            real = r;
            stream = secure;
        }
        return stream;
    }

    static boolean isKernelPath(Path p) {
        for (String k : KERNEL_FOLDERS) {
            if (p.startsWith(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param names      the normalised names below the root
     * @param followLast whether a link as the last name is followed (read, list, exists) or taken
     *                   as itself (write, delete)
     * @return where the walk got; the caller closes it
     */
    Location locate(List<String> names, boolean followLast) throws IOException {
        SecureDirectoryStream<Path> root = open();
        if (root == null) {
            Status s = real != null ? Status.KERNEL_ROOT : Status.NO_ROOT;
            return new Location(s, this, names, null, null, 0, null, null);
        }
        Location first = walk(root, names, followLast);
        if (first.status != Status.LINK) {
            return first;
        }
        first.close();
        Path resolved = resolveLinks(names, followLast);
        if (!RealPaths.isInside(resolved, real)) {
            return new Location(Status.OUTSIDE, this, names, null, null, 0, null, resolved);
        }
        List<String> realNames = new ArrayList<>();
        for (Path p : real.relativize(resolved)) {
            if (!p.toString().isEmpty()) {
                realNames.add(p.toString());
            }
        }
        Location second = walk(root, realNames, followLast);
        if (second.status == Status.LINK) {
            second.close();
            return new Location(Status.CHANGED, this, realNames, null, null, 0, null, null);
        }
        return second;
    }

    /** The real path: links followed as far as something exists, the missing rest appended. */
    private Path resolveLinks(List<String> names, boolean followLast) throws IOException {
        Path p = real;
        int upTo = followLast ? names.size() : names.size() - 1;
        for (int i = 0; i < upTo; i++) {
            p = p.resolve(names.get(i));
        }
        Path base = RealPaths.of(p);
        if (!base.startsWith(real) && !java.nio.file.Files.isDirectory(real)) {
            throw new NoSuchFileException(real.toString(), null, "the root folder is gone");
        }
        return followLast ? base : base.resolve(names.get(names.size() - 1));
    }

    private Location walk(SecureDirectoryStream<Path> root, List<String> names, boolean followLast) throws IOException {
        if (names.isEmpty()) {
            BasicFileAttributes a = root.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
            return new Location(Status.FOUND, this, names, root, null, 0, a, null);
        }
        SecureDirectoryStream<Path> dir = root;
        OpenFolders.Folder held = null;
        try {
            int last = names.size() - 1;
            for (int i = 0; i < last; i++) {
                OpenFolders.Folder next;
                try {
                    next = folders.open(dir, names.subList(0, i + 1));
                } catch (IOException e) {
                    return new Location(notAFolder(dir, names.get(i), e), this, names, dir, held, i, null, null);
                }
                if (held != null) {
                    folders.release(held);
                }
                held = next;
                dir = next.stream;
            }
            Path lastName = Path.of(names.get(last));
            BasicFileAttributes a = lstat(dir, lastName);
            Status s = a == null ? Status.MISSING : a.isSymbolicLink() && followLast ? Status.LINK : Status.FOUND;
            Location found = new Location(s, this, names, dir, held, last, a, null);
            found.lastName = lastName; // encoded once: the open that follows names the same file
            return found;
        } catch (IOException | RuntimeException e) {
            if (held != null) {
                folders.release(held);
            }
            throw e;
        }
    }

    /** @return why a name that could not be opened as a folder is not one; rethrows the failure if it is one */
    private static Status notAFolder(SecureDirectoryStream<Path> dir, String name, IOException failure) throws IOException {
        BasicFileAttributes a = lstat(dir, Path.of(name));
        if (a == null) {
            return Status.MISSING;
        } else if (a.isSymbolicLink()) {
            return Status.LINK;
        } else if (!a.isDirectory()) {
            return Status.NOT_FOLDER;
        }
        throw failure;
    }

    /** @return the attributes of a name in the folder, not following a link; null if there is none */
    static BasicFileAttributes lstat(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            folders.close();
        } finally {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }

    /**
     * The result of a walk: the deepest folder opened ({@code dir}; below the root, leased from the
     * kept folders as {@code held} until {@link #close}), how many names were passed as folders
     * ({@code depth}), and the real names.
     */
    static final class Location implements Closeable {
        final Status status;
        final RootFolder root;
        final List<String> names;
        final SecureDirectoryStream<Path> dir;
        private final OpenFolders.Folder held;
        final int depth;
        final BasicFileAttributes attrs;
        final Path outside;
        private Path lastName;

        Location(Status status, RootFolder root, List<String> names, SecureDirectoryStream<Path> dir, OpenFolders.Folder held,
                 int depth, BasicFileAttributes attrs, Path outside) {
            this.status = status;
            this.root = root;
            this.names = names;
            this.dir = dir;
            this.held = held;
            this.depth = depth;
            this.attrs = attrs;
            this.outside = outside;
        }

        /** @return the last name, as a path relative to {@link #dir} when {@link #status} is FOUND */
        Path last() {
            if (lastName == null) {
                lastName = Path.of(names.get(names.size() - 1));
            }
            return lastName;
        }

        /** @return the real path of the first {@code count} names */
        Path realPath(int count) {
            Path p = root.path();
            for (int i = 0; i < count; i++) {
                p = p.resolve(names.get(i));
            }
            return p;
        }

        /** @return the canonical target for the audit: {@link #realPath} of all names, as text */
        String target() {
            if (outside != null) {
                return outside.toString();
            }
            String base = root.path().toString();
            StringBuilder text = new StringBuilder(base.length() + 16 * names.size()).append(base);
            for (String name : names) {
                if (text.charAt(text.length() - 1) != '/') {
                    text.append('/');
                }
                text.append(name);
            }
            return text.toString();
        }

        @Override
        public void close() throws IOException {
            if (held != null) {
                root.folders.release(held);
            }
        }
    }
}
