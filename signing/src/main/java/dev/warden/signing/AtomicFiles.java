package dev.warden.signing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Replaces a file all at once: write a temp file in the same folder, fsync, rename over, fsync the folder. */
final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of a new file through its channel. */
    interface Content {
        void writeTo(FileChannel channel, Path temp) throws IOException, BundleException;
    }

    private AtomicFiles() {
    }

    /** The temp file name used next to {@code target}; hidden, so folder listings skip it. */
    static Path tempFor(Path target) {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return target.resolveSibling("." + target.getFileName() + "." + HexFormat.of().formatHex(nonce) + ".tmp");
    }

    static void write(Path target, Content content) throws IOException, BundleException {
        Path absolute = target.toAbsolutePath();
        Path temp = tempFor(absolute);
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.READ), publicReadable())) {
                content.writeTo(channel, temp);
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically on this file system", e);
            }
            done = true;
            syncFolder(absolute.getParent());
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    static void write(Path target, byte[] bytes) throws IOException {
        try {
            write(target, (channel, temp) -> Staging.write(channel, bytes, 0, bytes.length));
        } catch (BundleException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Makes a rename or delete in {@code folder} durable. */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static FileAttribute<?>[] publicReadable() {
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};
        }
        return new FileAttribute<?>[0];
    }
}
