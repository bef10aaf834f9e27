package dev.warden.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Locale;
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

    /** @return whether the path names a temporary file left by {@link #write} */
    public static boolean isTemporary(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.length() > 1 + TEMP_SUFFIX.length();
    }

    public static void write(Path file, byte[] bytes, CrashPoint crash, String label, FileAttribute<?>... attributes)
            throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path temp = folder.resolve("." + file.getFileName() + "." + random + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
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
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot replace " + file + " atomically on this file system: " + e.getMessage(), e);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        crash.reached(label + ": renamed into place");
        syncFolder(folder);
        crash.reached(label + ": folder synced");
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

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
