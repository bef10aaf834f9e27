package dev.warden.registry.fetch;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a file in memory; the caller's size cap keeps it small. An announced length (already checked
 * against the cap) sizes the array once, up to {@link #FIRST_ARRAY_MAX}, so that a large file is neither copied as it
 * grows nor at the end.
 */
final class MemorySink implements BodySink {

    /** The most a byte array holds; a larger cap is lowered to this. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final int FIRST_BYTES = 8 * 1024;

    /**
     * The most an announced length sizes the array to before any byte of the body has come: a server that announces
     * the cap and sends nothing costs no more than this (a 12 MB targets file still lands in one array).
     */
    static final long FIRST_ARRAY_MAX = 16L << 20;

    private byte[] bytes = new byte[0];
    private int length;

    @Override
    public synchronized void begin(long expectedLength) {
        bytes = new byte[(int) Math.max(0, Math.min(expectedLength, FIRST_ARRAY_MAX))];
        length = 0;
    }

    @Override
    public synchronized void write(ByteBuffer buffer) {
        int n = buffer.remaining();
        if (n > bytes.length - length) {
            long needed = (long) length + n;
            if (needed > MAX_BYTES) {
                throw new IllegalStateException("more than " + MAX_BYTES + " bytes for a memory sink");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_BYTES, Math.max(needed, Math.max(FIRST_BYTES, 2L * bytes.length))));
        }
        buffer.get(bytes, length, n);
        length += n;
    }

    /** How many bytes the array holds now, written or not. */
    synchronized int capacity() {
        return bytes.length;
    }

    /** The bytes written since the last {@link #begin}; the sink's own array when it is exactly full. */
    synchronized byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
