package dev.warden.registry.tuf;

import dev.warden.io.AtomicFiles;
import dev.warden.io.Digests;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;

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
        return new Content(Files.size(file), Digests.sha256Hex(file));
    }
}
