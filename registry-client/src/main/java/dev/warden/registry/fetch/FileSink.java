package dev.warden.registry.fetch;

import dev.warden.io.Digests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a file to disk while hashing it and reporting progress. Starts over (truncating the file) when a
 * transfer restarts; {@link #discard()} removes what it wrote when the download fails.
 */
final class FileSink implements BodySink {

    private final Path target;
    private final List<String> algorithms;
    private final Progress progress;
    private final String label;
    private FileChannel channel;
    private Digests digests;
    private long length;
    private boolean created;
    private boolean started;

    /** @throws IllegalArgumentException for an unknown hash algorithm, before anything is written */
    FileSink(Path target, List<String> algorithms, Progress progress, String label) {
        this.target = target;
        this.algorithms = List.copyOf(algorithms);
        this.progress = progress;
        this.label = label;
        this.digests = new Digests(this.algorithms);
    }

    @Override
    public synchronized void begin(long expectedLength) throws IOException {
        closeChannel();
        digests = new Digests(algorithms);
        length = 0;
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SinkFailure("could not create " + target + ": " + e, e);
        }
        created = true;
        started = true;
        progress.start(label, expectedLength);
    }

    @Override
    public synchronized void write(ByteBuffer bytes) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("write before begin or after close");
        }
        int n = bytes.remaining();
        digests.update(bytes);
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new SinkFailure("could not write " + target + ": " + e, e);
        }
        length += n;
        progress.advance(n);
    }

    /** Ends a successful download: the file is complete. */
    synchronized void close() throws IOException {
        if (channel == null) {
            // Nothing arrived at all (no begin): the file is empty but must still exist.
            begin(0);
        }
        try {
            closeChannel();
        } catch (IOException e) {
            throw new SinkFailure("could not finish writing " + target + ": " + e, e);
        } finally {
            finishProgress();
        }
    }

    /** Ends a failed download: closes and deletes the partial file, if this sink created one. */
    synchronized void discard(Throwable failure) {
        try {
            closeChannel();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        finishProgress();
        if (created) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    synchronized long length() {
        return length;
    }

    /** The hashes of what was written; call once, after {@link #close()}. */
    synchronized Map<String, String> hashes() {
        return digests.hex();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            FileChannel open = channel;
            channel = null;
            open.close();
        }
    }

    private void finishProgress() {
        if (started) {
            started = false;
            progress.finish();
        }
    }
}
