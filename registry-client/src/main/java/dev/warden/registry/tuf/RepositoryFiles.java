package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Writes a repository's files so that a reader (a web server, a client) sees each one whole or not at all. */
final class RepositoryFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A file's length and SHA-256, read once. */
    record Content(long length, String sha256) {
    }

    private RepositoryFiles() {
    }

    static void write(Path target, byte[] bytes) throws IOException {
        Path temp = temp(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = temp(target);
        try {
            Files.copy(source, temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Content content(Path file) throws IOException {
        MessageDigest sha256 = Digests.forName("sha256").orElseThrow();
        long length = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                length += n;
            }
        }
        return new Content(length, HexFormat.of().formatHex(sha256.digest()));
    }

    private static Path temp(Path target) {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + HexFormat.of().formatHex(nonce) + ".tmp");
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically on this file system", e);
        }
    }
}
