package dev.warden.manager.gateway;

import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Http;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.runtime.GrantedHttp;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The MCP client side of the legacy HTTP+SSE transport (MCP 2024-11-05), for servers declared {@code "type": "sse"}:
 * one GET opens an event stream whose first {@code endpoint} event names where messages are POSTed, and the server's
 * responses, requests and notifications all arrive on that stream. Both go through the plugin's {@link GrantedHttp}
 * for the origin ({@link GrantedHttp#stream} for the GET), so they pass the checks every request of the plugin
 * passes, and the endpoint must be of the SSE URL's own origin: the headers, which may hold the person's secrets,
 * are never sent anywhere else.
 *
 * <p>As with {@link RemoteServerTransport}, the server is not trusted: an event larger than the response limit ends
 * the stream, text that is no message is reported and dropped, and the secret values are replaced by
 * {@code [redacted]} in everything it sends before the MCP client sees it.
 */
final class LegacySseTransport implements McpClientTransport {

    private static final String ENDPOINT = "endpoint";

    private final GrantedHttp http;
    private final String url;
    private final Map<String, String> headers;
    private final Set<String> secrets;
    private final McpJsonMapper json;
    private final Duration timeout;
    private final long maxEventBytes;
    private final Consumer<String> problems;
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private volatile GrantedHttp.Streamed stream;
    private volatile boolean closing;

    /**
     * @param http          the plugin's {@code Http} for this origin only ({@code CapabilityBroker#originHttp})
     * @param url           the server's declared URL, where the event stream is opened
     * @param headers       the headers to send, every reference filled in
     * @param secrets       the secret values within them, kept out of what the server sends
     * @param timeout       the longest the stream's opening (its endpoint included) and one POST may take
     * @param maxEventBytes the largest event kept
     * @param problems      told about events that are not messages and about the stream's end
     */
    LegacySseTransport(GrantedHttp http, String url, Map<String, String> headers, Set<String> secrets, McpJsonMapper json,
                       Duration timeout, long maxEventBytes, Consumer<String> problems) {
        this.http = http;
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.secrets = Set.copyOf(secrets);
        this.json = json;
        this.timeout = timeout;
        this.maxEventBytes = maxEventBytes;
        this.problems = problems;
    }

    /** Opens the event stream and waits for the endpoint event. */
    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.<Void>fromCallable(() -> {
            try {
                open(handler);
            } catch (IOException | RuntimeException e) {
                endpoint.completeExceptionally(e);
                throw e;
            }
            return null;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void open(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler)
            throws IOException, InterruptedException {
        Http.Request get = withHeaders(Http.Request.get(url).withHeader("Accept", "text/event-stream"));
        GrantedHttp.Streamed opened;
        try {
            opened = http.stream(get);
        } catch (CapabilityException e) {
            throw new IOException(e.getMessage(), e);
        }
        String type = opened.headers().getOrDefault("content-type", List.of("")).get(0).toLowerCase(Locale.ROOT);
        if (opened.status() != 200 || !type.startsWith("text/event-stream")) {
            opened.close();
            throw new IOException("the server answered the event stream's GET with HTTP " + opened.status()
                    + (opened.status() == 200 ? " and not an event stream" : "")
                    + (opened.status() == 401 || opened.status() == 403
                    ? " (it does not accept the credentials Warden sent: check the secrets the review names)" : ""));
        }
        stream = opened;
        if (closing) {
            opened.close();
            throw new IOException("the transport is closed");
        }
        Thread reader = new Thread(() -> read(opened, handler), "warden-mcp-sse " + url);
        reader.setDaemon(true);
        reader.start();
        try {
            endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            opened.close();
            throw new IOException("the server sent no endpoint event within " + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            opened.close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void read(GrantedHttp.Streamed opened, Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        ServerSentEvents events = new ServerSentEvents(opened.body(), maxEventBytes);
        try {
            for (Optional<ServerSentEvents.Event> event = events.next(); event.isPresent(); event = events.next()) {
                String data = RemoteServerTransport.redacted(event.get().data(), secrets);
                if (event.get().type().equals(ENDPOINT)) {
                    if (endpoint.isDone()) {
                        problems.accept("sent a second endpoint event, which is ignored");
                    } else {
                        accept(data);
                    }
                    continue;
                }
                if (!endpoint.isDone()) {
                    endpoint.completeExceptionally(new IOException("the server sent a message before its endpoint event"));
                    return;
                }
                List<String> wrong = new ArrayList<>();
                RemoteServerTransport.read(json, data, wrong).ifPresent(message -> handler.apply(Mono.just(message))
                        .subscribe(m -> { }, e -> problems.accept("a message failed: " + e.getMessage())));
                wrong.stream().distinct().forEach(w -> problems.accept("sent " + w));
            }
            if (!closing) {
                problems.accept("the server ended its event stream");
            }
            endpoint.completeExceptionally(new IOException("the server ended its event stream before its endpoint event"));
        } catch (IOException e) {
            if (!closing) {
                problems.accept("the event stream failed: " + e.getMessage());
            }
            endpoint.completeExceptionally(new IOException("the event stream failed: " + e.getMessage(), e));
        } finally {
            opened.close();
        }
    }

    /** Takes the endpoint, relative to the SSE URL, if it is of the SSE URL's own origin. */
    private void accept(String data) {
        String resolved;
        try {
            resolved = new URI(url).resolve(new URI(data.strip())).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            endpoint.completeExceptionally(new IOException("the server's endpoint event is not a URL"));
            return;
        }
        Optional<String> origin = ServerLaunchVerifier.origin(resolved);
        if (GrantedHttp.urlProblem(resolved).isPresent() || origin.isEmpty()
                || !origin.equals(ServerLaunchVerifier.origin(url))) {
            endpoint.completeExceptionally(new IOException("the server's endpoint " + UnsafeCharacters.escape(
                    origin.orElse("(not a URL)")) + " is not of the origin of " + ServerLaunchVerifier.origin(url).orElseThrow()
                    + "; Warden sends the server's headers to that origin only"));
            return;
        }
        endpoint.complete(resolved);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.<Void>fromCallable(() -> {
            String to;
            try {
                to = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IOException("the server sent no endpoint event within " + timeout.toSeconds() + " seconds");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
            if (closing) {
                throw new IOException("the server's event stream is closed");
            }
            Http.Request post = withHeaders(Http.Request.post(to, "application/json",
                    json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8)));
            Http.Response response;
            try {
                response = http.send(post);
            } catch (CapabilityException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (response.status() / 100 != 2) {
                throw new IOException("the server answered a message with HTTP " + response.status());
            }
            return null;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Http.Request withHeaders(Http.Request request) {
        return RemoteLaunch.withDeclared(request.withTimeout(timeout), headers);
    }

    /** Closes the event stream, which ends the server's session. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            closing = true;
            GrantedHttp.Streamed open = stream;
            if (open != null) {
                open.close();
            }
            endpoint.completeExceptionally(new IOException("the transport is closed"));
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
