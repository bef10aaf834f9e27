package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads the body of a 200 response into a sink as it arrives, framed as its head says: in chunks, by its
 * Content-Length, or until the connection closes. Refuses an announced length over the cap before reading
 * and a body that grows past it, and reports a body that ends short of its length as truncated.
 */
final class ResponseBody {

    private static final int MAX_CHUNK_LINE = 4096;

    private final String url;
    private final WatchedInput in;
    private final Transfer transfer;
    private final LongSupplier clock;
    private final long maxBytes;
    private final BodySink sink;
    private long count;

    ResponseBody(String url, WatchedInput in, Transfer transfer, LongSupplier clock, long maxBytes, BodySink sink) {
        this.url = url;
        this.in = in;
        this.transfer = transfer;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    /**
     * @throws IOException    when the connection breaks or the framing is malformed
     * @throws FetchException when a limit is broken, the sink cannot write, or the body is cut short
     */
    void read(ResponseHead head) throws IOException, FetchException {
        boolean chunked = chunked(head);
        long announced = chunked ? -1 : contentLength(head);
        if (announced > maxBytes) {
            throw ExchangeFailures.announcedTooLarge(url, announced, maxBytes);
        }
        try {
            sink.begin(announced);
        } catch (IOException e) {
            throw ExchangeFailures.localFailure(url, e);
        }
        if (chunked) {
            readChunks();
        } else if (announced >= 0) {
            copy(announced);
            if (count < announced) {
                throw ExchangeFailures.endedShort(url, count, announced);
            }
        } else {
            copy(Long.MAX_VALUE);
        }
    }

    /** Copies up to {@code length} bytes, fewer when the stream ends first. */
    private void copy(long length) throws IOException, FetchException {
        long left = length;
        while (left > 0) {
            Optional<ByteBuffer> piece = in.next(left);
            if (piece.isEmpty()) {
                return;
            }
            int n = piece.get().remaining();
            if (count + n > maxBytes) {
                throw ExchangeFailures.sentTooMuch(url, maxBytes);
            }
            try {
                sink.write(piece.get());
            } catch (IOException e) {
                throw ExchangeFailures.localFailure(url, e);
            }
            count += n;
            left -= n;
            transfer.received(n, clock.getAsLong());
            in.check();
        }
    }

    // RFC 9112 §7.1: chunk-size [; extensions] CRLF, data CRLF, ..., 0 CRLF, trailer fields, CRLF.
    private void readChunks() throws IOException, FetchException {
        while (true) {
            long size = chunkSize(in.line(MAX_CHUNK_LINE).orElseThrow(
                    () -> new EOFException("the connection closed before the last chunk")));
            if (size == 0) {
                int budget = ResponseHead.MAX_BYTES;
                for (String trailer = ""; budget >= 0; budget -= trailer.length() + 2) {
                    trailer = in.line(MAX_CHUNK_LINE).orElseThrow(
                            () -> new EOFException("the connection closed in the trailer fields"));
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
                throw new IOException("the trailer fields are longer than " + ResponseHead.MAX_BYTES + " bytes");
            }
            long before = count;
            copy(size);
            if (count - before < size) {
                throw new EOFException("the connection closed inside a chunk");
            }
            if (!in.line(MAX_CHUNK_LINE).orElseThrow(() -> new EOFException("the connection closed after a chunk")).isEmpty()) {
                throw new IOException("a chunk is longer than its size says");
            }
        }
    }

    private static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        // RFC 9112 §7.1: 1*HEXDIG, then white space only before an extension; no sign, no 0x
        String hex = (end < 0 ? line : line.substring(0, end)).stripTrailing();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw new IOException("not a chunk size: \"" + shown(line) + "\"");
        }
        try {
            return Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: \"" + shown(line) + "\"", e);
        }
    }

    private boolean chunked(ResponseHead head) throws FetchException {
        List<String> codings = head.headers().get("transfer-encoding");
        if (codings == null) {
            return false;
        }
        String all = String.join(",", codings).toLowerCase(Locale.ROOT);
        for (String coding : all.split(",")) {
            if (!coding.isBlank() && !coding.strip().equals("chunked")) {
                throw new FetchException(FetchException.Kind.BAD_RESPONSE, url + ": the server sent the body with the"
                        + " transfer coding \"" + UnsafeCharacters.escape(shown(coding.strip()))
                        + "\", which Warden does not read; check the marketplace location");
            }
        }
        return all.contains("chunked");
    }

    private long contentLength(ResponseHead head) throws FetchException {
        List<String> values = head.headers().get("content-length");
        if (values == null) {
            return -1;
        }
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                long parsed = parseLength(part.strip());
                if (length >= 0 && parsed != length) {
                    throw badLength(value);
                }
                length = parsed;
            }
        }
        return length;
    }

    private long parseLength(String value) throws FetchException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badLength(value);
        }
        return Long.parseLong(value);
    }

    private FetchException badLength(String value) {
        return new FetchException(FetchException.Kind.BAD_RESPONSE, url + ": the server sent the Content-Length \""
                + UnsafeCharacters.escape(shown(value))
                + "\", which is not one number of bytes; the marketplace is misconfigured");
    }

    private static String shown(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
