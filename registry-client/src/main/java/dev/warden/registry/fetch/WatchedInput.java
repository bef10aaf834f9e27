package dev.warden.registry.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The bytes of one response as they arrive on a socket whose reads give up after a short tick: at every
 * tick, and whenever the caller asks, the transfer's limits are checked, so that a silent or dripping
 * server cannot hold the caller longer than a limit allows; an interrupt ends the wait too.
 */
final class WatchedInput {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final String url;
    private final Transfer transfer;
    private final TransferLimits limits;
    private final LongSupplier clock;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;

    /** @param in a socket's stream, whose reads end with {@link SocketTimeoutException} after a tick */
    WatchedInput(InputStream in, String url, Transfer transfer, TransferLimits limits, LongSupplier clock) {
        this.in = in;
        this.url = url;
        this.transfer = transfer;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * The bytes that arrived next, at most {@code max} (positive), as a view valid until the next read;
     * empty at the end of the stream. The limits are not checked after a read that returned bytes: the
     * caller counts them first ({@link Transfer#received}) and then calls {@link #check()}.
     */
    Optional<ByteBuffer> next(long max) throws IOException, FetchException {
        if (position == limit && !fill()) {
            return Optional.empty();
        }
        int n = (int) Math.min(max, limit - position);
        ByteBuffer piece = ByteBuffer.wrap(buffer, position, n);
        position += n;
        return Optional.of(piece);
    }

    /**
     * The next line, without its LF and a CR before that, read as ISO-8859-1; empty at the end of the stream
     * before any byte of it.
     *
     * @param max the most bytes the line may have
     * @throws IOException for a longer line, or a stream that ends inside one
     */
    Optional<String> line(int max) throws IOException, FetchException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (position == limit) {
                if (!fill()) {
                    if (line.length() == 0) {
                        return Optional.empty();
                    }
                    throw new IOException("the connection closed in the middle of a line");
                }
                check();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(new String(buffer, start, position - start, StandardCharsets.ISO_8859_1));
            if (line.length() > max + 1) {
                throw new IOException("a line of the response is longer than " + max + " bytes");
            }
            if (position < limit) {
                position++; // the LF
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                if (line.length() > max) {
                    throw new IOException("a line of the response is longer than " + max + " bytes");
                }
                return Optional.of(line.toString());
            }
        }
    }

    /** Fails with the limit the transfer has broken, if any, or when the thread was interrupted. */
    void check() throws FetchException {
        if (Thread.currentThread().isInterrupted()) {
            throw ExchangeFailures.interrupted(url, new InterruptedException());
        }
        Optional<FetchException> broken = limits.check(transfer, clock.getAsLong());
        if (broken.isPresent()) {
            throw broken.get();
        }
    }

    /** Reads what arrives next, checking the limits at every tick without bytes; false at the end. */
    private boolean fill() throws IOException, FetchException {
        while (true) {
            int n;
            try {
                n = in.read(buffer, 0, buffer.length);
            } catch (SocketTimeoutException tick) {
                check();
                continue;
            }
            if (n < 0) {
                return false;
            }
            if (n > 0) {
                position = 0;
                limit = n;
                transfer.active(clock.getAsLong());
                return true;
            }
        }
    }
}
