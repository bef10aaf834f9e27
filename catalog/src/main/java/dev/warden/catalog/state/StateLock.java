package dev.warden.catalog.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

/**
 * The single lock on {@code $WARDEN_HOME}: whoever holds it may change state. The operating system
 * releases it when the holding process ends, however it ends, so a lock file left behind never blocks.
 *
 * @since 0.1
 */
public final class StateLock implements AutoCloseable {

    private final Path home;
    private final FileChannel channel;
    private final FileLock lock;
    private final String holderDescription;
    private boolean closed;

    StateLock(Path home, FileChannel channel, FileLock lock, String holderDescription) {
        this.home = home;
        this.channel = channel;
        this.lock = lock;
        this.holderDescription = holderDescription;
    }

    /** @return who holds this lock, e.g. {@code pid 4711, "warden install acme/weather", since 2025-05-01T10:00:00Z} */
    public String holderDescription() {
        return holderDescription;
    }

    /** @return whether this lock is still held */
    public synchronized boolean isHeld() {
        return !closed && lock.isValid();
    }

    Path home() {
        return home;
    }

    /**
     * Releases the lock and clears the holder's details from the lock file. Does nothing if already released.
     *
     * @throws UncheckedIOException if the lock file cannot be cleared or closed; the lock is released regardless
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not release the state lock in " + home + ": " + e.getMessage(), e);
        }
    }
}
