package dev.warden.manager.gateway;

import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.auth.AuthException;
import dev.warden.manager.auth.RemoteAuthorization;
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
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
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
 *
 * <p>The server is not trusted: an answer to a request that holds no response to it (garbage, a batch, a response
 * to another id) fails that request at once instead of leaving it to time out; a session id or protocol version
 * that could not be sent back as a header ends the exchange; at most {@value #SERVER_REQUESTS} requests of the
 * server's own per answer are passed on to the MCP client (which, declaring no capability, answers them with an
 * error, or a ping with an empty result); and the secret values sent in the headers are replaced by
 * {@code [redacted]} in whatever the server answers, so that it cannot echo them into an error message, the log or
 * the person's MCP client.
 *
 * <p>Where the declared headers set no {@code Authorization}, the OAuth access token stored for the server
 * ({@code warden auth login}) is sent as a bearer token, refreshed when it has expired or on the first 401; a 401 that
 * a refresh does not cure, or one without a stored token, fails the request with the command that signs in. The
 * token is redacted from answers as the header secrets are.
 */
final class RemoteServerTransport implements McpClientTransport {

    private static final String SESSION = "Mcp-Session-Id";
    private static final String PROTOCOL = "MCP-Protocol-Version";
    static final int SERVER_REQUESTS = 8;
    /** The most pages of one tool, prompt or resource list asked for in a row; the MCP client itself does not stop. */
    static final int MAX_PAGES = 10;
    private static final int MAX_SESSION_ID = 256;
    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String REDACTED = "[redacted]";

    private final Http http;
    private final String url;
    private final Map<String, String> headers;
    private final Set<String> secrets;
    private final McpJsonMapper json;
    private final Duration timeout;
    private final Consumer<String> problems;
    private final Optional<RemoteAuthorization> authorization;
    /** The bearer token last sent, redacted from answers like the header secrets. */
    private volatile String sentBearer;
    private volatile Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
    private volatile String session;
    private volatile String protocol;
    private final java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param http     the plugin's {@code Http} for this origin only ({@code CapabilityBroker#originHttp})
     * @param url      the server's declared URL
     * @param headers  the headers to send, every reference filled in
     * @param secrets  the secret values within them, kept out of what the server answers
     * @param timeout  the longest one exchange may take
     * @param problems told about answers that are not messages
     * @param authorization the server's OAuth tokens, used when {@code headers} set no {@code Authorization}
     */
    RemoteServerTransport(Http http, String url, Map<String, String> headers, Set<String> secrets, McpJsonMapper json,
                          Duration timeout, Consumer<String> problems, Optional<RemoteAuthorization> authorization) {
        this.http = http;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.secrets = Set.copyOf(secrets);
        this.json = json;
        this.timeout = timeout;
        this.problems = problems;
        this.authorization = this.headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"))
                ? Optional.empty() : authorization;
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
        if (handler == null) {
            throw new IllegalStateException("the transport is not connected");
        }
        if (message instanceof McpSchema.JSONRPCRequest request && request.method().endsWith("/list")) {
            boolean next = request.params() instanceof McpSchema.PaginatedRequest paged && paged.cursor() != null
                    || request.params() instanceof Map<?, ?> params && params.get("cursor") != null;
            int page = next ? pages.incrementAndGet() : 1;
            pages.set(page);
            if (page > MAX_PAGES) {
                throw new IOException("the server's " + request.method() + " runs over more than " + MAX_PAGES + " pages");
            }
        }
        byte[] sent = json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
        Optional<String> bearer = bearer(RemoteAuthorization::bearer);
        Http.Response response = send(sent, bearer);
        boolean asksForBearer = response.header("WWW-Authenticate").orElse("").toLowerCase(Locale.ROOT).contains("bearer");
        if (response.status() == 401 && authorization.isPresent() && (bearer.isPresent() || asksForBearer)) {
            String login = authorization.get().loginCommand();
            if (bearer.isEmpty()) {
                throw new IOException("the server asks for OAuth authorization and no token is stored for it:"
                        + " sign in with '" + login + "'");
            }
            Optional<String> renewed = bearer(a -> a.renewed(bearer.get()));
            if (renewed.isPresent()) {
                response = send(sent, renewed);
            }
            if (renewed.isEmpty() || response.status() == 401) {
                throw new IOException("the server refused Warden's OAuth token and it could not be refreshed (it may"
                        + " have been revoked): sign in again with '" + login + "'");
            }
        }
        if (response.status() == 202) {
            if (message instanceof McpSchema.JSONRPCRequest) {
                throw new IOException("the server accepted a request without answering it (HTTP 202)");
            }
            return;
        }
        if (response.status() / 100 != 2) {
            throw new IOException("the server answered HTTP " + response.status()
                    + (response.status() == 401 || response.status() == 403
                    ? " (it does not accept the credentials Warden sent: check the secrets the review names)" : ""));
        }
        Optional<String> id = response.header(SESSION);
        if (id.isPresent()) {
            String value = id.get();
            if (value.isEmpty() || value.length() > MAX_SESSION_ID || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                throw new IOException("the server's " + SESSION + " is not 1 to " + MAX_SESSION_ID
                        + " visible ASCII characters, as MCP requires");
            }
            session = value;
        }
        String type = response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String body = redacted(new String(response.body(), StandardCharsets.UTF_8));
        List<String> messages = type.startsWith("text/event-stream") ? events(body) : List.of(body);
        Object expected = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        List<String> wrong = new ArrayList<>();
        boolean answered = false;
        int asked = 0;
        for (String text : messages) {
            Optional<McpSchema.JSONRPCMessage> read = read(text, wrong);
            if (read.isEmpty()) {
                continue;
            }
            if (read.get() instanceof McpSchema.JSONRPCResponse answer) {
                if (expected == null || !String.valueOf(expected).equals(String.valueOf(answer.id())) || answered) {
                    wrong.add("a response to a request Warden did not make here (id "
                            + UnsafeCharacters.escape(String.valueOf(answer.id())) + ")");
                    continue;
                }
                answered = true;
                remember(answer);
            } else if (read.get() instanceof McpSchema.JSONRPCRequest && ++asked > SERVER_REQUESTS) {
                wrong.add("more than " + SERVER_REQUESTS + " requests of its own in one answer");
                continue;
            }
            handler.apply(Mono.just(read.get())).subscribe(m -> { }, e -> problems.accept("a message failed: " + e.getMessage()));
        }
        wrong.stream().distinct().forEach(w -> problems.accept("answered with " + w));
        if (expected != null && !answered) {
            throw new IOException("the server's answer held no response to Warden's request"
                    + (wrong.isEmpty() ? "" : ": it held " + String.join(", ", wrong.stream().distinct().toList())));
        }
    }

    private Http.Response send(byte[] body, Optional<String> bearer) throws IOException {
        Http.Request request = Http.Request.post(url, "application/json", body)
                .withHeader("Accept", "application/json, text/event-stream").withTimeout(timeout);
        request = RemoteLaunch.withDeclared(request, headers);
        if (bearer.isPresent()) {
            sentBearer = bearer.get();
            request = request.withHeader("Authorization", "Bearer " + bearer.get());
        }
        if (session != null) {
            request = request.withHeader(SESSION, session);
        }
        if (protocol != null) {
            request = request.withHeader(PROTOCOL, protocol);
        }
        try {
            return http.send(request);
        } catch (CapabilityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** One step of the stored authorization; a failure is told without a token. */
    private interface TokenStep {
        Optional<String> apply(RemoteAuthorization authorization) throws AuthException;
    }

    private Optional<String> bearer(TokenStep step) throws IOException {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        try {
            return step.apply(authorization.get());
        } catch (AuthException e) {
            throw new IOException("its OAuth token could not be used: " + e.getMessage(), e);
        }
    }

    private String redacted(String text) {
        String bearer = sentBearer;
        return redacted(bearer == null ? text : text.replace(bearer, REDACTED), secrets);
    }

    /** @return the text with each of the secret values replaced by {@code [redacted]} */
    static String redacted(String text, Set<String> secrets) {
        for (String secret : secrets) {
            text = text.replace(secret, REDACTED);
        }
        return text;
    }

    private Optional<McpSchema.JSONRPCMessage> read(String text, List<String> wrong) {
        return read(json, text, wrong);
    }

    /**
     * @param wrong told what the text is when it is no message
     * @return the message the text of one answer or event holds; empty for blank text, a batch or something else
     */
    static Optional<McpSchema.JSONRPCMessage> read(McpJsonMapper json, String text, List<String> wrong) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        if (text.stripLeading().startsWith("[")) {
            wrong.add("a batch, which MCP no longer has");
            return Optional.empty();
        }
        try {
            return Optional.of(McpSchema.deserializeJsonRpcMessage(json, text));
        } catch (IOException | RuntimeException e) {
            wrong.add("something that is not a JSON-RPC message");
            return Optional.empty();
        }
    }

    /** Keeps the protocol version the server chose, to send back as a header, when it is one. */
    private void remember(McpSchema.JSONRPCResponse response) {
        if (response.result() instanceof Map<?, ?> result && result.get("protocolVersion") instanceof String version
                && VERSION.matcher(version).matches()) {
            protocol = version;
        }
    }

    /** @return the data of each event of a whole {@code text/event-stream} answer */
    static List<String> events(String stream) throws IOException {
        ServerSentEvents events = new ServerSentEvents(new java.io.ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                Long.MAX_VALUE);
        List<String> data = new ArrayList<>();
        for (Optional<ServerSentEvents.Event> event = events.next(); event.isPresent(); event = events.next()) {
            data.add(event.get().data());
        }
        return data;
    }

    /** Ends the session at the server, where it has one; a server that does not answer is left alone. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(() -> {
            if (session == null) {
                return;
            }
            Http.Request delete = RemoteLaunch.withDeclared(new Http.Request("DELETE", url, Map.of(), List.of(), new byte[0],
                    Duration.ofSeconds(2)).withHeader(SESSION, session), headers);
            try {
                Optional<String> bearer = bearer(RemoteAuthorization::bearer);
                if (bearer.isPresent()) {
                    delete = delete.withHeader("Authorization", "Bearer " + bearer.get());
                }
                http.send(delete);
            } catch (CapabilityException | IOException | RuntimeException e) {
                // the session ends with the server's own time-out
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
