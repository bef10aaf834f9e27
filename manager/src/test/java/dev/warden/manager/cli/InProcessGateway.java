package dev.warden.manager.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve} run in the test's own JVM by a {@link CliRunner} and spoken to over OS pipes, as an MCP client
 * speaks to it over stdio: for tests that need the runner's seams (brokers with DNS and TLS doubles), which a served
 * process cannot have. Requests are raw JSON-RPC; each answer comes back parsed, error or result.
 */
final class InProcessGateway implements AutoCloseable {

    /** The longest a request waits for its answer, and {@link #close} for serve to end. */
    static final Duration WAIT = Duration.ofSeconds(60);
    /** The revision {@link #initialize} asks for. */
    static final String PROTOCOL_VERSION = "2025-06-18";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutputStream requests;
    private final CompletableFuture<CliRunner.Result> served;
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final List<JsonNode> fromServer = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private InProcessGateway(OutputStream requests, CompletableFuture<CliRunner.Result> served) {
        this.requests = requests;
        this.served = served;
    }

    /**
     * Runs {@code serve SERVE_ARGS} on a thread of its own with {@code warden}'s home, environment and brokers.
     *
     * @param serveArgs the options of {@code warden serve}, e.g. {@code --workspace DIR}
     */
    static InProcessGateway start(CliRunner warden, String... serveArgs) throws IOException {
        Pipe toServe = Pipe.open();
        Pipe fromServe = Pipe.open();
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(serveArgs));
        CliRunner runner = warden.speakingOver(Channels.newInputStream(toServe.source()),
                Channels.newOutputStream(fromServe.sink()));
        CompletableFuture<CliRunner.Result> served = new CompletableFuture<>();
        Thread serving = new Thread(() -> {
            try {
                served.complete(runner.run(args.toArray(String[]::new)));
            } catch (Throwable e) {
                served.completeExceptionally(e);
            } finally {
                try {
                    fromServe.sink().close(); // the reader below sees the end
                } catch (IOException e) {
                    // nothing reads it any more
                }
            }
        }, "in-process-serve");
        serving.setDaemon(true);
        InProcessGateway gateway = new InProcessGateway(Channels.newOutputStream(toServe.sink()), served);
        Thread reading = new Thread(() -> gateway.read(fromServe), "in-process-serve-reader");
        reading.setDaemon(true);
        reading.start();
        serving.start();
        return gateway;
    }

    /** Opens the session as a client of {@value #PROTOCOL_VERSION} does; returns the initialize result. */
    JsonNode initialize() {
        JsonNode answer = request("initialize", Map.of("protocolVersion", PROTOCOL_VERSION, "capabilities", Map.of(),
                "clientInfo", Map.of("name", "in-process-test", "version", "1")));
        notify("notifications/initialized", Map.of());
        return answer.path("result");
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @return the whole JSON-RPC answer, {@code result} or {@code error}
     * @throws AssertionError if no answer comes within {@link #WAIT} or serve ended first; the message holds what
     *                        serve said
     */
    JsonNode request(String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        send(message(id, method, params));
        try {
            CompletableFuture.anyOf(answer, served).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // told below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.remove(id);
        }
        if (!answer.isDone()) {
            throw new AssertionError("no answer to " + method + " within " + WAIT.toSeconds() + " s; serve said: "
                    + saidOnEnd());
        }
        return answer.join();
    }

    /** Sends a notification, which has no answer. */
    void notify(String method, Map<String, ?> params) {
        send(message(null, method, params));
    }

    /** @return the notifications and requests serve sent of its own accord so far, in order */
    List<JsonNode> fromServer() {
        return List.copyOf(fromServer);
    }

    /**
     * Closes serve's input, which ends it, and waits for it.
     *
     * @return what serve printed and its exit code
     * @throws AssertionError if it does not end within {@link #WAIT}
     */
    CliRunner.Result end() {
        try {
            requests.close();
        } catch (IOException e) {
            // already closed: serve is ending
        }
        try {
            return served.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("warden serve did not end within " + WAIT.toSeconds() + " s of its input closing");
        } catch (ExecutionException e) {
            throw new AssertionError("warden serve failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for warden serve to end", e);
        }
    }

    /** Ends serve, if a test has not yet ({@link #end}). */
    @Override
    public void close() {
        if (!served.isDone()) {
            end();
        }
    }

    private String saidOnEnd() {
        try {
            CliRunner.Result result = end();
            return "(exit " + result.exitCode() + ") " + result.err();
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    private static byte[] message(Long id, String method, Map<String, ?> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        if (id != null) {
            message.put("id", id);
        }
        message.put("method", method);
        message.put("params", params);
        return (JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void send(byte[] line) {
        try {
            synchronized (requests) {
                requests.write(line);
                requests.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("serve no longer reads its input", e);
        }
    }

    /** Hands each answer to the request waiting for it; keeps what serve sends of its own accord. */
    private void read(Pipe answers) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(answers.source()),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode message = JSON.readTree(line);
                CompletableFuture<JsonNode> request = message.has("method") || !message.path("id").isNumber() ? null
                        : waiting.get(message.path("id").asLong());
                if (request != null) {
                    request.complete(message);
                } else {
                    fromServer.add(message);
                }
            }
        } catch (IOException e) {
            // serve ended
        }
    }
}
