package dev.warden.manager.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} one event at a time, as it arrives: the whole answer of a Streamable HTTP POST,
 * or the long-lived stream of the legacy HTTP+SSE transport. An event larger than the limit ends the stream, so that
 * a server cannot make Warden keep an unbounded amount of text.
 */
final class ServerSentEvents {

    /** One event: its {@code event:} type ({@code message} when none is given) and its {@code data:} lines joined. */
    record Event(String type, String data) {
    }

    private final InputStream in;
    private final long maxEventBytes;

    /** @param maxEventBytes the most bytes one event, all its lines together, may take */
    ServerSentEvents(InputStream in, long maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * @return the next event with data; empty when the stream ends (an event cut off by the end is still returned)
     * @throws IOException if reading fails or an event is larger than the limit
     */
    Optional<Event> next() throws IOException {
        String type = null;
        StringBuilder data = null;
        long size = 0;
        while (true) {
            Optional<String> read = line(maxEventBytes - size);
            if (read.isEmpty() || read.get().isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(type == null ? "message" : type, data.toString()));
                }
                if (read.isEmpty()) {
                    return Optional.empty();
                }
                type = null;
                continue;
            }
            String line = read.get();
            size += line.length() + 1;
            if (line.startsWith("data:")) {
                String value = field(line, 5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                type = field(line, 6);
            }
        }
    }

    private static String field(String line, int start) {
        String value = line.substring(start);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** @return the next line without its end (LF, CRLF or CR), empty at the end of the stream */
    private Optional<String> line(long limit) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return line.size() == 0 ? Optional.empty() : Optional.of(line.toString(StandardCharsets.UTF_8));
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return Optional.of(new String(bytes, 0, end, StandardCharsets.UTF_8));
            }
            if (line.size() >= limit) {
                throw new IOException("an event of the server's stream is larger than " + maxEventBytes + " bytes");
            }
            line.write(c);
        }
    }
}
