package dev.warden.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces files so that readers and crashes see either the old content or the new, never a part:
 * write a temporary file next to the target, fsync it, rename it over the target, fsync the folder.
 *
 * @since 0.1
 */
public final class AtomicFiles {

    private static final String TEMP_SUFFIX = ".tmp";
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private AtomicFiles() {
    }

    /**
     * Atomically replaces (or creates) {@code file} with {@code bytes}. The folder must exist. On failure
     * the target is unchanged and the temporary file is removed; after a crash a temporary file
     * {@code .<name>.<random>.tmp} may remain, which {@link #isTemporary} recognises.
     *
     * @throws IOException if writing, syncing or renaming fails, or the file system cannot rename atomically
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, bytes, CrashPoint.NONE, file.getFileName().toString());
    }

    /**
     * As {@link #write}, for a file only its owner may read and write (mode 0600): the temporary file
     * is created with that mode, so the content is never readable by others, not even for an instant.
     *
     * @throws IOException if writing, syncing or renaming fails, or the file system has no POSIX permissions
     */
    public static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IOException("cannot write " + file + " readable by its owner only: the file system has no"
                    + " POSIX permissions; choose a WARDEN_HOME on a POSIX file system");
        }
        write(file, bytes, CrashPoint.NONE, file.getFileName().toString(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** Writes the content of a new file through its channel (which is also open for reading). */
    @FunctionalInterface
    public interface Content<E extends Exception> {
        /**
         * @param channel the temporary file, empty, positioned at 0
         * @param temp    its path, to read back what was written before it is renamed into place
         */
        void writeTo(FileChannel channel, Path temp) throws IOException, E;
    }

    /**
     * As {@link #write(Path, byte[])}, for content written as a stream (a bundle, a copy): the content
     * writes the temporary file, which is then synced and renamed over {@code file}.
     *
     * @throws IOException if writing, syncing or renaming fails
     * @throws E           what the content throws; the target is then unchanged and the temporary file removed
     */
    public static <E extends Exception> void write(Path file, Content<E> content) throws IOException, E {
        Path temp = temporaryFor(file);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ))) {
            content.writeTo(channel, temp);
        } catch (Exception e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        replace(temp, file);
    }

    /**
     * Puts a file written completely elsewhere in the same folder (a download) in place of {@code file}:
     * syncs it, renames it over the target atomically and syncs the folder. On failure the target is
     * unchanged and {@code written} is removed.
     *
     * @throws IOException if syncing or renaming fails, or the file system cannot rename atomically
     */
    public static void replace(Path written, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(written);
            throw e;
        }
        moveOver(written, file);
        syncFolder(file.toAbsolutePath().getParent());
    }

    /**
     * Renames a complete file or folder to {@code target}, which must not exist, on the same file system,
     * atomically, and syncs the folders involved so the rename survives a crash. The content itself must
     * already be durable (a folder's files synced by whoever wrote them).
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists
     * @throws IOException if the rename is not possible atomically (another file system) or fails
     */
    public static void rename(Path source, Path target) throws IOException {
        Path from = source.toAbsolutePath();
        Path to = target.toAbsolutePath();
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            // rename(2) would silently replace a file or an empty folder; the caller meant to put something new
            throw new FileAlreadyExistsException(to.toString(), null, "cannot move " + source + " there: it exists");
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move " + source + " to " + target + " atomically: " + e.getMessage(), e);
        }
        syncFolder(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            syncFolder(from.getParent());
        }
    }

    /**
     * As {@link #write(Path, byte[])}, inside a folder opened without following links (a plugin's granted
     * folder): the temporary file is created, renamed and synced relative to the open folder, so a link
     * swapped in for the folder or for the name cannot redirect the write.
     *
     * @param name a single file name in {@code folder}
     * @throws IOException if writing, syncing or renaming fails; the target is then unchanged
     */
    public static void write(SecureDirectoryStream<Path> folder, Path name, byte[] bytes) throws IOException {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path temp = Path.of("." + name + "." + random + TEMP_SUFFIX);
        boolean moved = false;
        try {
            try (SeekableByteChannel out = folder.newByteChannel(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                writeFully(out, ByteBuffer.wrap(bytes));
                if (out instanceof FileChannel file) {
                    file.force(true);
                }
            }
            folder.move(temp, folder, name);
            moved = true;
        } finally {
            if (!moved) {
                try {
                    folder.deleteFile(temp);
                } catch (IOException e) {
                    // the write already failed; that failure is the one to report
                }
            }
        }
        try (SeekableByteChannel self = folder.newByteChannel(Path.of("."), Set.of(StandardOpenOption.READ))) {
            if (self instanceof FileChannel channel) {
                channel.force(true);
            }
        }
    }

    /** @return whether the path names a temporary file left by {@link #write} */
    public static boolean isTemporary(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.length() > 1 + TEMP_SUFFIX.length();
    }

    /**
     * Deletes the temporary files (see {@link #isTemporary}) that an interrupted write left directly in
     * {@code folder}; a link or folder with such a name is left alone.
     *
     * @throws IOException if the folder cannot be listed or a file cannot be deleted
     */
    public static void deleteTemporaryFiles(Path folder) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (isTemporary(entry) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /**
     * As {@link #write(Path, byte[])}, reporting each step to {@code crash} under {@code label} and creating the
     * temporary file with {@code attributes} (such as an owner-only mode).
     */
    public static void write(Path file, byte[] bytes, CrashPoint crash, String label, FileAttribute<?>... attributes)
            throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temp = temporaryFor(file);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            buffer.limit(bytes.length / 2);
            writeFully(channel, buffer);
            crash.reached(label + ": temporary file half written");
            buffer.limit(bytes.length);
            writeFully(channel, buffer);
            crash.reached(label + ": temporary file written");
            channel.force(true);
            crash.reached(label + ": temporary file synced");
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        moveOver(temp, file);
        crash.reached(label + ": renamed into place");
        syncFolder(folder);
        crash.reached(label + ": folder synced");
    }

    /** Renames the synced {@code temp} over {@code file}; on failure {@code temp} is removed. */
    private static void moveOver(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot replace " + file + " atomically on this file system: " + e.getMessage(), e);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static Path temporaryFor(Path file) {
        Path absolute = file.toAbsolutePath();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return absolute.resolveSibling("." + absolute.getFileName() + "." + random + TEMP_SUFFIX);
    }

    /** Makes renames and deletions in the folder durable. */
    public static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; NTFS journals the rename itself
            if (!WINDOWS) {
                throw e;
            }
        }
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
