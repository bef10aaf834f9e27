package dev.warden.registry.fetch;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a file in memory; the caller's size cap keeps it small. An announced length (already checked
 * against the cap) sizes the array once, so that a large file is neither copied as it grows nor at the end.
 */
final class MemorySink implements BodySink {

    /** The most a byte array holds; a larger cap is lowered to this. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private static final int FIRST_BYTES = 8 * 1024;

    private byte[] bytes = new byte[0];
    private int length;

    @Override
    public synchronized void begin(long expectedLength) {
        bytes = new byte[expectedLength > 0 && expectedLength <= MAX_BYTES ? (int) expectedLength : 0];
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

    /** The bytes written since the last {@link #begin}; the sink's own array when it is exactly full. */
    synchronized byte[] toByteArray() {
        return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
    }
}
