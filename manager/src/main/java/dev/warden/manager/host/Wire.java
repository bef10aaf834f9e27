package dev.warden.manager.host;

import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 between Warden and a plugin host process, one message per line over the process's
 * standard input and output. Either side asks and answers: Warden asks the process to call tools; the
 * process asks Warden for each capability use, so grants are checked in one place (DESIGN 6.5).
 *
 * <p>Incoming requests are handled on threads of their own, so a slow one (an HTTP request, a tool that
 * takes a minute) never holds up the answers to the others. A line longer than the limit ends the wire:
 * Warden reads what a plugin process writes as it would any untrusted input. Thread-safe.
 */
final class Wire implements AutoCloseable {

    /** What answers the other side's requests: a result, or a {@link Failure} it is told about. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(String method, JsonNode params) throws Failure;
    }

    /**
     * A request that failed, as the other side will see it: a kind it can act on, words, and details.
     */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String kind;
        private final transient JsonNode details;

        Failure(String kind, String message, JsonNode details) {
            super(message);
            this.kind = Objects.requireNonNull(kind, "kind");
            this.details = details == null ? JsonNodeFactory.instance.objectNode() : details;
        }

        Failure(String kind, String message) {
            this(kind, message, null);
        }

        String kind() {
            return kind;
        }

        JsonNode details() {
            return details;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** JSON-RPC's code for an error of the called method; the kind in its data says which. */
    private static final int METHOD_FAILED = -32000;

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final Handler handler;
    private final ExecutorService handlers;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final Thread reader;

    /**
     * @param name         names the threads
     * @param in           the other side's messages
     * @param out          where this side's messages go
     * @param maxLineBytes the longest message accepted
     * @param handler      answers the other side's requests
     */
    Wire(String name, InputStream in, OutputStream out, int maxLineBytes, Handler handler) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"));
        this.out = Objects.requireNonNull(out, "out");
        this.maxLineBytes = maxLineBytes;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, name + "-handler");
            thread.setDaemon(true);
            return thread;
        });
        this.reader = new Thread(this::readAll, name + "-reader");
        reader.setDaemon(true);
    }

    /** Starts reading the other side's messages. */
    Wire start() {
        reader.start();
        return this;
    }

    /**
     * Sends a request.
     *
     * @return its result; completes exceptionally with a {@link Failure} the other side reported, or with an
     *         {@link IOException} when the wire ends first
     */
    CompletableFuture<JsonNode> request(String method, JsonNode params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (closed.isDone()) {
            pending.remove(id);
            answer.completeExceptionally(new IOException(closed.join()));
            return answer;
        }
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        try {
            send(message);
        } catch (IOException e) {
            pending.remove(id);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Sends a message that needs no answer. */
    void notify(String method, JsonNode params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        send(message);
    }

    /** @return completes with why the wire ended: the other side closed it, broke the protocol, or this side closed it */
    CompletableFuture<String> ended() {
        return closed;
    }

    private void send(ObjectNode message) throws IOException {
        byte[] line = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.write(line);
            out.write('\n');
            out.flush();
        }
    }

    private void readAll() {
        String why = "the other side closed the connection";
        try {
            for (byte[] line; (line = readLine()) != null; ) {
                if (line.length == 0) {
                    continue;
                }
                dispatch(StrictJson.standard().read(line));
            }
        } catch (LineTooLong e) {
            why = e.getMessage();
        } catch (StrictJsonException e) {
            why = "a message that is not JSON: " + e.problem().describe();
        } catch (IOException e) {
            why = "the connection failed: " + e.getMessage();
        } catch (RuntimeException e) {
            why = "a message that is not JSON-RPC: " + e.getMessage();
        }
        end(why);
    }

    private void dispatch(JsonNode message) {
        if (!message.isObject()) {
            throw new IllegalArgumentException("a message is not an object");
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method != null && method.isString()) {
            JsonNode params = message.has("params") ? message.get("params") : JSON.createObjectNode();
            handlers.execute(() -> answer(id, method.asString(), params));
        } else if (id != null && id.isIntegralNumber()) {
            CompletableFuture<JsonNode> answer = pending.remove(id.asLong());
            if (answer == null) {
                return; // an answer to a request already given up
            }
            JsonNode error = message.get("error");
            if (error != null && error.isObject()) {
                JsonNode data = error.path("data");
                answer.completeExceptionally(new Failure(data.path("kind").asString("failed"),
                        error.path("message").asString("no message"), data.path("details")));
            } else {
                answer.complete(message.has("result") ? message.get("result") : JSON.nullNode());
            }
        } else {
            throw new IllegalArgumentException("a message with neither a method nor a numeric id");
        }
    }

    private void answer(JsonNode id, String method, JsonNode params) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        try {
            JsonNode result = handler.handle(method, params);
            reply.set("result", result == null ? JSON.nullNode() : result);
        } catch (Failure f) {
            reply.set("error", error(f.getMessage(), f.kind(), f.details()));
        } catch (RuntimeException e) {
            reply.set("error", error(String.valueOf(e.getMessage()), "failed", null));
        }
        if (id == null || id.isNull()) {
            return;
        }
        reply.set("id", id);
        try {
            send(reply);
        } catch (IOException e) {
            // the wire is ending; the reader says why
        }
    }

    private static ObjectNode error(String message, String kind, JsonNode details) {
        ObjectNode error = JSON.createObjectNode().put("code", METHOD_FAILED).put("message", message);
        ObjectNode data = error.putObject("data").put("kind", kind);
        if (details != null) {
            data.set("details", details);
        }
        return error;
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() >= maxLineBytes) {
                throw new LineTooLong("a message longer than " + maxLineBytes + " bytes");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private void end(String why) {
        if (!closed.complete(why)) {
            return;
        }
        IOException ended = new IOException(why);
        pending.values().forEach(p -> p.completeExceptionally(ended));
        pending.clear();
        handlers.shutdownNow();
    }

    /** Ends the wire: pending requests fail; the streams are the owner's to close. */
    @Override
    public void close() {
        end("the connection was closed");
    }

    private static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLong(String message) {
            super(message);
        }
    }
}
