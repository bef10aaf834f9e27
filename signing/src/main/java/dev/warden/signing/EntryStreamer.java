package dev.warden.signing;

import dev.warden.io.Digests;
import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streams one entry's bytes out of a checked directory through CRC-32, SHA-256 and a sink, stopping
 * the moment the output passes the declared size. One per thread: it owns its inflater and buffers.
 *
 * <p>A deflated entry can also be streamed on two threads, inflating on the caller's while a task
 * hashes and sinks the bytes, so that a large entry takes about as long as inflating it alone (hashing
 * costs a third to a half of that again on one thread); the checks are the same, and so are the failures.
 */
final class EntryStreamer implements AutoCloseable {

    static final int BUFFER = 256 * 1024;
    /**
     * The hand-off between the two threads: up to this many buffers of {@link #CHUNK} bytes, allocated
     * only as far as hashing lags behind. It lags at first, for the ~40 ms SHA-256 takes to get compiled;
     * 16 MiB lets the inflater go on meanwhile instead of waiting.
     */
    static final int CHUNKS = 16;
    static final int CHUNK = 1 << 20;

    /** Receives inflated bytes; may throw to stop the stream. */
    interface Sink {
        void accept(byte[] bytes, int off, int len) throws IOException, BundleException;
    }

    static final Sink DISCARD = (bytes, off, len) -> { };

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final MessageDigest sha256 = Digests.sha256();
    private final byte[] in = new byte[BUFFER];
    private final byte[] out = new byte[BUFFER];
    private final Target direct = new Target() {
        @Override
        public byte[] buffer() {
            return out;
        }

        @Override
        public int offset() {
            return 0;
        }

        @Override
        public int room() {
            return out.length;
        }

        @Override
        public void wrote(int n, Sink sink) throws IOException, BundleException {
            emit(out, n, sink);
        }
    };
    private final int maxChunks;
    private final List<Chunk> ring = new ArrayList<>();

    EntryStreamer() {
        this(CHUNKS);
    }

    /** With a hand-off of at most {@code maxChunks} buffers (tests use small ones to make it wrap and wait). */
    EntryStreamer(int maxChunks) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("the hand-off needs at least one buffer, not " + maxChunks);
        }
        this.maxChunks = maxChunks;
    }

    /**
     * Streams {@code entry} from {@code source} into {@code sink}, checking its CRC and size.
     *
     * @return the SHA-256 of the inflated bytes
     * @throws BundleException LIMIT_EXCEEDED if it inflates past its declared size, MALFORMED_ARCHIVE for
     *     a broken deflate stream, CONTENT_MISMATCH for a wrong CRC, IO for read failures
     */
    byte[] stream(ByteSource source, ZipEntryRecord entry, String label, Sink sink) throws BundleException {
        return stream(source, entry, label, sink, null);
    }

    /**
     * Reads a small entry whole (its size already checked against a limit by the caller), checking its CRC
     * and size as {@link #stream(ByteSource, ZipEntryRecord, String, Sink)} does.
     */
    static byte[] readAll(ByteSource source, ZipEntryRecord entry, String label) throws BundleException {
        byte[] bytes = new byte[(int) entry.size()];
        int[] filled = {0};
        try (EntryStreamer streamer = new EntryStreamer()) {
            streamer.stream(source, entry, label, (b, off, len) -> {
                System.arraycopy(b, off, bytes, filled[0], len);
                filled[0] += len;
            });
        }
        return bytes;
    }

    /**
     * As {@link #stream(ByteSource, ZipEntryRecord, String, Sink)}, but a deflated entry is inflated on
     * this thread while a task on {@code hashing} (when not null) runs CRC-32, SHA-256 and {@code sink}
     * over the bytes, a few buffers behind. The sink is called on that task's thread, never on two at
     * once, and never after this method returns; whatever it throws is thrown here.
     */
    byte[] stream(ByteSource source, ZipEntryRecord entry, String label, Sink sink, ScopedExecutor hashing)
            throws BundleException {
        crc.reset();
        sha256.reset();
        try {
            long produced;
            if (entry.method() == ZipEntryRecord.STORED) {
                produced = copyStored(source, entry, sink);
            } else if (hashing == null) {
                produced = inflate(source, entry, label, direct, sink);
            } else {
                produced = inflateAhead(source, entry, label, sink, hashing);
            }
            if (produced != entry.size()) {
                throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + EntryNames.printable(label)
                        + "' inflates to " + produced + " bytes, not the " + entry.size() + " its headers declare");
            }
        } catch (IOException e) {
            throw new BundleException(Failure.IO, label, "cannot read or write entry '" + EntryNames.printable(label)
                    + "': " + e.getMessage(), e);
        }
        if (crc.getValue() != entry.crc()) {
            throw new BundleException(Failure.CONTENT_MISMATCH, label, "entry '" + EntryNames.printable(label)
                    + "' fails its zip CRC check (damaged or altered); download the bundle again");
        }
        return sha256.digest();
    }

    private long copyStored(ByteSource source, ZipEntryRecord entry, Sink sink) throws IOException, BundleException {
        long position = entry.dataOffset();
        long remaining = entry.compressedSize();
        while (remaining > 0) {
            int n = (int) Math.min(remaining, out.length);
            source.read(position, out, 0, n);
            position += n;
            remaining -= n;
            emit(out, n, sink);
        }
        return entry.compressedSize();
    }

    private long inflateAhead(ByteSource source, ZipEntryRecord entry, String label, Sink sink,
                              ScopedExecutor hashing) throws IOException, BundleException {
        Handoff handoff = new Handoff(hashing, sink);
        long produced;
        try {
            produced = inflate(source, entry, label, handoff, sink);
        } catch (IOException | BundleException | RuntimeException | Error e) {
            handoff.end(e);
            throw e;
        }
        handoff.end(null);
        return produced;
    }

    private long inflate(ByteSource source, ZipEntryRecord entry, String label, Target target, Sink sink)
            throws IOException, BundleException {
        String shown = EntryNames.printable(label);
        inflater.reset();
        long position = entry.dataOffset();
        long remainingIn = entry.compressedSize();
        long declared = entry.size();
        long produced = 0;
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (remainingIn == 0) {
                        throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                                + "' has a truncated deflate stream");
                    }
                    int n = (int) Math.min(remainingIn, in.length);
                    source.read(position, in, 0, n);
                    position += n;
                    remainingIn -= n;
                    inflater.setInput(in, 0, n);
                }
                // Ask for at most one byte past the declared size: a bomb stops right there.
                byte[] buffer = target.buffer();
                int want = (int) Math.min(target.room(), declared - produced + 1);
                int got = inflater.inflate(buffer, target.offset(), want);
                if (got > 0) {
                    produced += got;
                    if (produced > declared) {
                        throw new BundleException(Failure.LIMIT_EXCEEDED, label, "entry '" + shown
                                + "' inflates past its declared " + declared + " bytes (stopped at " + produced
                                + "); the bundle is a zip bomb or damaged");
                    }
                    target.wrote(got, sink);
                } else if (inflater.needsDictionary() || (!inflater.needsInput() && !inflater.finished())) {
                    throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                            + "' has a malformed deflate stream");
                }
            }
        } catch (DataFormatException e) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                    + "' has a malformed deflate stream: " + e.getMessage(), e);
        }
        if (remainingIn != 0 || inflater.getRemaining() != 0) {
            throw new BundleException(Failure.MALFORMED_ARCHIVE, label, "entry '" + shown
                    + "' has hidden bytes after its deflate stream");
        }
        return produced;
    }

    private void emit(byte[] bytes, int len, Sink sink) throws IOException, BundleException {
        crc.update(bytes, 0, len);
        sha256.update(bytes, 0, len);
        sink.accept(bytes, 0, len);
    }

    /** Where the inflater writes next: a buffer with room left, and what becomes of bytes written there. */
    private interface Target {
        /** The buffer to write into; may wait until one is free. */
        byte[] buffer() throws IOException;

        int offset();

        /** Bytes free at {@link #offset()}, at least one. */
        int room();

        /** Takes the {@code n} bytes just written at {@link #offset()}. */
        void wrote(int n, Sink sink) throws IOException, BundleException;
    }

    /** One reusable buffer of the hand-off and how much of it is filled. */
    private static final class Chunk {
        final byte[] bytes;
        int length;

        Chunk(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    /** Marks the end of an entry in the queue of filled chunks. */
    private static final Chunk END = new Chunk(new byte[0]);

    /**
     * Inflated bytes handed from the inflating thread to the hashing task through the ring of chunks:
     * the inflater fills a free chunk and queues it, the task hashes it, feeds it to the sink and frees it.
     * Bounded both ways (the ring is all there is), so the inflater runs at most {@code maxChunks} MiB ahead.
     * After a failure of the sink the task keeps freeing chunks, so the inflater never waits for nothing.
     */
    private final class Handoff implements Target {
        private final ArrayBlockingQueue<Chunk> free = new ArrayBlockingQueue<>(maxChunks);
        private final ArrayBlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(maxChunks + 1);
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Future<?> task;
        private volatile Throwable failure;
        private volatile boolean abandoned;
        private Chunk current;

        Handoff(ScopedExecutor hashing, Sink sink) {
            for (Chunk chunk : ring) {
                chunk.length = 0;
                free.add(chunk);
            }
            task = hashing.submit(() -> hash(sink));
        }

        /** The hashing task: runs until it takes {@link #END}. */
        private void hash(Sink sink) {
            if (!started.compareAndSet(false, true)) {
                return;   // the inflater gave up on this task before it began
            }
            try {
                for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                    try {
                        if (failure == null && !abandoned) {
                            emit(chunk.bytes, chunk.length, sink);
                        }
                    } catch (Throwable t) {
                        failure = t;
                    } finally {
                        chunk.length = 0;
                        free.add(chunk);
                    }
                }
            } catch (InterruptedException e) {
                if (failure == null) {
                    failure = new InterruptedIOException("interrupted while hashing");
                }
            } finally {
                done.countDown();
            }
        }

        @Override
        public byte[] buffer() throws IOException {
            if (current == null) {
                current = free.poll();
            }
            if (current == null && ring.size() < maxChunks) {
                current = new Chunk(new byte[CHUNK]);
                ring.add(current);
            }
            if (current == null) {
                try {
                    current = free.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while inflating");
                }
            }
            return current.bytes;
        }

        @Override
        public int offset() {
            return current.length;
        }

        @Override
        public int room() {
            return current.bytes.length - current.length;
        }

        @Override
        public void wrote(int n, Sink sink) {
            current.length += n;
            if (current.length == current.bytes.length) {
                queue(current);
                current = null;
            }
            if (failure != null) {
                throw new Abandoned();   // end() throws the task's failure in its place
            }
        }

        private void queue(Chunk chunk) {
            if (!filled.offer(chunk)) {
                throw new IllegalStateException("the hand-off queue holds every chunk and the end mark; it cannot be full");
            }
        }

        /**
         * Queues what is left (unless the inflater failed with {@code cause}) and the end mark, waits for the
         * task, then throws the first failure in stream order: the task's (it concerns earlier bytes), else
         * {@code cause}. Interrupted, it makes the task drop what is queued and reports an interruption.
         */
        void end(Throwable cause) throws IOException, BundleException {
            if (cause == null && current != null && current.length > 0) {
                queue(current);
            }
            current = null;
            queue(END);
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    abandoned = true;
                    if (started.compareAndSet(false, true)) {
                        break;   // the task never began and now never will
                    }
                    task.cancel(true);   // wakes a sink that waits, so the task sees it is abandoned
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable first = failure != null ? failure : cause;
            if (first == null && abandoned) {
                first = new InterruptedIOException("interrupted while hashing");
            }
            if (first instanceof IOException e) {
                throw e;
            } else if (first instanceof BundleException e) {
                throw e;
            } else if (first instanceof RuntimeException e) {
                throw e;
            } else if (first instanceof Error e) {
                throw e;
            } else if (first != null) {
                throw new IllegalStateException("the sink threw " + first, first);
            }
        }
    }

    /** Stops the inflater once the hashing task has failed; never leaves {@link Handoff#end}. */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the hashing task failed", null, false, false);
        }
    }

    @Override
    public void close() {
        inflater.end();
    }

}
