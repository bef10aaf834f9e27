package dev.warden.signing;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Bytes read by position, from a file (positional reads, safe from several threads) or from memory. */
interface ByteSource {

    long size();

    /** Reads exactly {@code len} bytes at {@code position}; {@link EOFException} if the source is shorter. */
    void read(long position, byte[] dst, int off, int len) throws IOException;

    static ByteSource of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(dst, off, len);
                long at = position;
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new EOFException("unexpected end of file at byte " + at);
                    }
                    at += n;
                }
            }
        };
    }

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) throws IOException {
                if (position < 0 || position + len > bytes.length) {
                    throw new EOFException("unexpected end of data at byte " + position);
                }
                System.arraycopy(bytes, (int) position, dst, off, len);
            }
        };
    }
}
