package dev.warden.registry.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Collects a file in memory; the caller's size cap keeps it small. */
final class MemorySink implements BodySink {

    /** The most a byte array holds; a larger cap is lowered to this. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void begin(long expectedLength) {
        bytes = new ByteArrayOutputStream();
    }

    @Override
    public synchronized void write(ByteBuffer buffer) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.write(chunk, 0, chunk.length);
    }

    synchronized byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
