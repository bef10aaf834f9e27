package dev.warden.manager.gateway;

import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP client side of Streamable HTTP (MCP 2025-03-26 and later) over a plugin's {@link Http} capability for one
 * origin, so that Warden's connection to a plugin's remote MCP server passes every check the plugin's own requests
 * pass: the {@code net.egress} grant of the origin, one DNS answer pinned, restricted addresses refused unless
 * granted, and a redirect to another origin refused. The SDK's own transport uses Java's {@code HttpClient}, which
 * looks names up itself, so it cannot be held to those checks.
 *
 * <p>Each message is one POST; the answer, JSON or a {@code text/event-stream} that ends with the request's
 * response, is read whole. No GET stream is opened, so the server's own requests and notifications arrive only
 * within the answers to Warden's requests. The declared headers (which may hold the person's secrets) are sent with
 * every request to that origin and nowhere else, and are never part of a message Warden writes.
 */
final class RemoteServerTransport implements McpClientTransport {

    private static final String SESSION = "Mcp-Session-Id";
    private static final String PROTOCOL = "MCP-Protocol-Version";

    private final Http http;
    private final String url;
    private final Map<String, String> headers;
    private final McpJsonMapper json;
    private final Duration timeout;
    private final Consumer<String> problems;
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
    private volatile String session;
    private volatile String protocol;

    /**
     * @param http     the plugin's {@code Http} for this origin only ({@code CapabilityBroker#originHttp})
     * @param url      the server's declared URL
     * @param headers  the headers to send, every reference filled in
     * @param timeout  the longest one exchange may take
     * @param problems told about answers that are not messages
     */
    RemoteServerTransport(Http http, String url, Map<String, String> headers, McpJsonMapper json, Duration timeout,
                          Consumer<String> problems) {
        this.http = http;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.json = json;
        this.timeout = timeout;
        this.problems = problems;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> this.handler = handler);
    }

    /**
     * Posts the message on the subscribing thread, and hands the answer to the session on it too: a tool call the
     * gateway forwards already runs on a thread that may block, and a hand-off here (and back) cost more than the
     * exchange with a server nearby (bench/gateway-latency.sh).
     */
    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.<Void>fromCallable(() -> {
            post(message);
            return null;
        });
    }

    private void post(McpSchema.JSONRPCMessage message) throws IOException {
        Http.Request request = Http.Request.post(url, "application/json",
                        json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8))
                .withHeader("Accept", "application/json, text/event-stream").withTimeout(timeout);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            request = request.withHeader(header.getKey(), header.getValue());
        }
        if (session != null) {
            request = request.withHeader(SESSION, session);
        }
        if (protocol != null) {
            request = request.withHeader(PROTOCOL, protocol);
        }
        Http.Response response;
        try {
            response = http.send(request);
        } catch (CapabilityException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (response.status() == 202) {
            return;
        }
        if (response.status() / 100 != 2) {
            throw new IOException("the server answered HTTP " + response.status()
                    + (response.status() == 401 || response.status() == 403
                    ? " (it does not accept the credentials Warden sent: check the secrets the review names)" : ""));
        }
        first(response, SESSION).ifPresent(id -> session = id);
        String type = first(response, "Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        List<String> messages = type.startsWith("text/event-stream") ? events(body) : List.of(body);
        for (String text : messages) {
            deliver(text);
        }
    }

    /** @return the data of each event of a {@code text/event-stream}, its {@code data:} lines joined by line breaks */
    static List<String> events(String stream) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : stream.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                }
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(data.toString());
        }
        return events;
    }

    private void deliver(String text) {
        if (text.isBlank()) {
            return;
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, text);
        } catch (IOException | RuntimeException e) {
            problems.accept("answered with something that is not a JSON-RPC message");
            return;
        }
        if (message instanceof McpSchema.JSONRPCResponse response && response.result() instanceof Map<?, ?> result
                && result.get("protocolVersion") instanceof String version) {
            protocol = version;
        }
        handler.apply(Mono.just(message)).subscribe(m -> { }, e -> problems.accept("a message failed: " + e.getMessage()));
    }

    private static Optional<String> first(Http.Response response, String header) {
        for (Map.Entry<String, List<String>> entry : response.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(header) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** Ends the session at the server, where it has one; a server that does not answer is left alone. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(() -> {
            if (session == null) {
                return;
            }
            Http.Request delete = new Http.Request("DELETE", url, Map.of(), List.of(), new byte[0], Duration.ofSeconds(2))
                    .withHeader(SESSION, session);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                delete = delete.withHeader(header.getKey(), header.getValue());
            }
            try {
                http.send(delete);
            } catch (CapabilityException | RuntimeException e) {
                // the session ends with the server's own time-out
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
