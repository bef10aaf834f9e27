package dev.warden.registry.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where the bytes of a file go as they arrive: memory or a file. */
interface BodySink {

    /**
     * Called before the first bytes, and again whenever the transfer starts over after a retry: the sink
     * drops what it had.
     *
     * @param expectedLength the announced size, or -1 when unknown
     */
    void begin(long expectedLength) throws IOException;

    /** Takes all remaining bytes of the buffer. */
    void write(ByteBuffer bytes) throws IOException;
}
