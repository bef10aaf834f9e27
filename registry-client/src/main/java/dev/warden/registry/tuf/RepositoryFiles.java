package dev.warden.registry.tuf;

import dev.warden.io.AtomicFiles;
import dev.warden.io.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Writes a repository's files so that a reader (a web server, a client) sees each one whole or not at all. */
final class RepositoryFiles {

    /** A file's length and SHA-256, read once. */
    record Content(long length, String sha256) {
    }

    private RepositoryFiles() {
    }

    static void write(Path target, byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes);
    }

    static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        AtomicFiles.write(target, (channel, temp) -> Files.copy(source, Channels.newOutputStream(channel)));
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
}
