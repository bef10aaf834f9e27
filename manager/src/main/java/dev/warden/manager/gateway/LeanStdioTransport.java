package dev.warden.manager.gateway;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * The MCP stdio transport (newline-delimited JSON-RPC, one session) without the SDK's per-message thread
 * hand-offs: one reader thread parses each line and hands it straight to the session, and each message
 * out is serialized and written on the thread that sends it, under one lock so that lines never interleave.
 * <p>
 * It differs from the SDK's {@code StdioServerTransportProvider} only where that one stops reading: a line
 * that is not JSON is answered with a JSON-RPC parse error (-32700), one that is not a JSON-RPC message or is
 * longer than the limit with an invalid-request error (-32600), blank lines are skipped, and the session goes
 * on in each case. The end of the input closes the session, as there.
 */
final class LeanStdioTransport implements McpServerTransportProvider {

    /** The longest line read, in bytes, as the SDK's stdio transport allows: 16 MiB. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    private final McpJsonMapper json;
    private final JsonRpcLines lines;
    private final InputStream in;
    private final OutputStream out;
    private final int maxLine;
    private final Consumer<String> report;
    private final Object writing = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile McpServerSession session;
    private volatile boolean closed;

    /**
     * @param json    the mapper for every message in and out; it must write compact JSON (Jackson's default)
     * @param maxLine the longest line read, in bytes; a longer one is answered with an error and skipped
     * @param report  where problems of the transport itself go (never {@code out})
     */
    LeanStdioTransport(McpJsonMapper json, InputStream in, OutputStream out, int maxLine, Consumer<String> report) {
        this.json = Objects.requireNonNull(json, "json");
        this.lines = new JsonRpcLines(json);
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.report = Objects.requireNonNull(report, "report");
        if (maxLine <= 0) {
            throw new IllegalArgumentException("maxLine must be positive: " + maxLine);
        }
        this.maxLine = maxLine;
    }

    /** Creates the one session and starts reading; called once, by the MCP server being built. */
    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        if (session != null) {
            throw new IllegalStateException("the stdio transport serves one session and has it already");
        }
        session = sessionFactory.create(new SessionTransport());
        Thread reader = new Thread(this::read, "warden-stdio-in");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        McpServerSession current = session;
        return current == null ? Mono.error(new IllegalStateException("No session to notify"))
                : current.sendNotification(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return Mono.defer(() -> {
            McpServerSession current = session;
            if (current == null) {
                return Mono.error(new IllegalStateException("No session to notify"));
            }
            if (!current.getId().equals(sessionId)) {
                return Mono.error(new IllegalStateException("Existing session id " + current.getId()
                        + " doesn't match the notification target: " + sessionId));
            }
            return current.sendNotification(method, params);
        });
    }

    @Override
    public Mono<Void> closeGracefully() {
        McpServerSession current = session;
        return current == null ? Mono.empty() : current.closeGracefully();
    }

    /** Waits until the input ends (the client closed its end, or reading failed) and the session is closed. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** Reads lines until the input ends; each is handed to the session before the next is read. */
    private void read() {
        LineBuffer line = new LineBuffer(maxLine);
        byte[] chunk = new byte[8192];
        try {
            int n;
            while (!closed && (n = in.read(chunk)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line.append(chunk, start, i - start);
                        received(line);
                        start = i + 1;
                    }
                }
                line.append(chunk, start, n - start);
            }
            if (line.length() > 0) {
                received(line); // the last line, without its newline
            }
        } catch (IOException e) {
            if (!closed) {
                report.accept("warden: could not read standard input: " + e.getMessage());
            }
        } finally {
            closed = true;
            session.close();
            ended.countDown();
        }
    }

    private void received(LineBuffer line) {
        if (closed) {
            return;
        }
        if (line.overflowed()) {
            line.clear();
            reject(new JsonRpcLines.Unreadable(McpSchema.ErrorCodes.INVALID_REQUEST, null,
                    "Invalid request: the message is longer than " + maxLine + " bytes"));
            return;
        }
        String text = line.text();
        line.clear();
        if (text.isBlank()) {
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = lines.read(text);
        } catch (JsonRpcLines.Unreadable e) {
            reject(e);
            return;
        }
        session.handle(message).subscribe(null, error -> report.accept("warden: an MCP message could not be handled: " + error));
    }

    private void reject(JsonRpcLines.Unreadable why) {
        try {
            write(lines.error(why.id(), why.code(), why.getMessage()));
        } catch (IOException e) {
            report.accept("warden: could not answer a malformed MCP message: " + e.getMessage());
        }
    }

    /** Writes one message as one line; the lock keeps lines sent from different threads whole. */
    private void write(byte[] message) throws IOException {
        byte[] line = Arrays.copyOf(message, message.length + 1);
        line[message.length] = '\n';
        for (int i = 0; i < message.length; i++) {
            // compact JSON holds a raw line break only as whitespace between tokens: a space keeps it one line
            if (line[i] == '\n' || line[i] == '\r') {
                line[i] = ' ';
            }
        }
        synchronized (writing) {
            out.write(line);
            out.flush();
        }
    }

    /** The session's side: a message sent is written at once, on the sender's thread. */
    private final class SessionTransport implements McpServerTransport {

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.fromCallable(() -> {
                if (!closed) {
                    write(lines.write(message));
                }
                return null;
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.fromRunnable(this::close);
        }

        /** Stops sending, and reading once the read waiting now returns: a blocked read cannot be cut short. */
        @Override
        public void close() {
            closed = true;
        }
    }

    /** The bytes of one line as they arrive; past the limit it keeps only the fact that it overflowed. */
    private static final class LineBuffer {

        private final int max;
        private byte[] bytes = new byte[1024];
        private int length;
        private boolean overflowed;

        LineBuffer(int max) {
            this.max = max;
        }

        void append(byte[] from, int offset, int count) {
            if (overflowed || count == 0) {
                return;
            }
            if ((long) length + count > max) {
                overflowed = true;
                length = 0;
                return;
            }
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(2L * bytes.length, length + count)));
            }
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        /** @return the bytes held, or 1 for an overflowed line so that it is not taken for an empty one */
        int length() {
            return overflowed ? 1 : length;
        }

        boolean overflowed() {
            return overflowed;
        }

        /** The line as UTF-8 text, without a carriage return before its newline. */
        String text() {
            int end = length > 0 && bytes[length - 1] == '\r' ? length - 1 : length;
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }

        void clear() {
            length = 0;
            overflowed = false;
            if (bytes.length > 64 * 1024) {
                bytes = new byte[1024]; // one huge message does not keep its buffer for the whole session
            }
        }
    }
}
