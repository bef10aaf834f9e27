package dev.warden.signing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A {@link ByteSource} seen as a read-only channel, so that Commons Compress reads the same bytes as
 * Warden's checks and streams. Closing it leaves the source open: the bundle owns its file.
 */
final class ByteSourceChannel implements SeekableByteChannel {

    private final ByteSource source;
    private long position;

    ByteSourceChannel(ByteSource source) {
        this.source = source;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long left = source.size() - position;
        if (left <= 0) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int n = (int) Math.min(dst.remaining(), left);
        if (dst.hasArray()) {
            source.read(position, dst.array(), dst.arrayOffset() + dst.position(), n);
            dst.position(dst.position() + n);
        } else {
            byte[] bytes = new byte[n];
            source.read(position, bytes, 0, n);
            dst.put(bytes);
        }
        position += n;
        return n;
    }

    @Override
    public long size() {
        return source.size();
    }

    /** Where the next {@link #read} starts; Commons Compress moves it around freely. */
    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("a position is never negative, not " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // the source belongs to whoever opened it
    }

    /** A bundle is never written through this channel. */
    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }
}
