package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.capability.Http;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warden's MCP client over {@link RemoteServerTransport} against a hostile server: the server is played by an
 * {@link Http} that answers each request as the test says, so that answers no real server library would write (a
 * wrong id, a batch, a session id with a line break, requests of the server's own) can be sent.
 */
class RemoteServerTransportTest {

    private static final String URL = "https://mcp.example.com/mcp";
    private static final String SECRET = "s3cr3t-token-9f1";
    private static final Duration CALLS = Duration.ofSeconds(30);

    private final McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    /** Every request Warden sent: its headers and its JSON-RPC message. */
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private ExternalServer server;

    private record Sent(Map<String, String> headers, Map<String, Object> message) {

        String method() {
            return String.valueOf(message.get("method"));
        }
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    /** A server that answers initialize as a well-behaved one would, and everything else as {@code rest} says. */
    private ExternalServer serverAnswering(Function<Sent, Http.Response> rest) {
        Http http = request -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> message;
            try {
                message = request.body().length == 0 ? Map.of()
                        : json.readValue(new String(request.body(), StandardCharsets.UTF_8), Map.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Sent one = new Sent(request.headers(), message);
            sent.add(one);
            if (one.method().equals("initialize")) {
                return json(200, Map.of("Mcp-Session-Id", List.of("session-1")), "{\"jsonrpc\":\"2.0\",\"id\":"
                        + idOf(one) + ",\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"hostile\",\"version\":\"1\"}}}");
            }
            if (!message.containsKey("id") || !message.containsKey("method")) {
                return new Http.Response(202, Map.of(), new byte[0]);
            }
            return rest.apply(one);
        };
        server = ExternalServer.remote(told -> new RemoteServerTransport(http, URL,
                Map.of("Authorization", "Bearer " + SECRET), Set.of(SECRET), json, CALLS, told.andThen(problems::add), Optional.empty()), CALLS, CALLS, tools -> { });
        return server;
    }

    private static String idOf(Sent request) {
        Object id = request.message().get("id");
        return id instanceof String text ? "\"" + text + "\"" : String.valueOf(id);
    }

    private static Http.Response json(int status, Map<String, List<String>> headers, String body) {
        Map<String, List<String>> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", List.of("application/json"));
        return new Http.Response(status, all, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Http.Response events(String... messages) {
        StringBuilder stream = new StringBuilder();
        for (String message : messages) {
            stream.append("event: message\ndata: ").append(message).append("\n\n");
        }
        return new Http.Response(200, Map.of("Content-Type", List.of("text/event-stream")),
                stream.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String tools(Sent request, String... names) {
        List<String> tools = new ArrayList<>();
        for (String name : names) {
            tools.add("{\"name\":\"" + name + "\",\"description\":\"d\",\"inputSchema\":{\"type\":\"object\"}}");
        }
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request) + ",\"result\":{\"tools\":[" + String.join(",", tools) + "]}}";
    }

    @Test
    void advertisesNoCapabilityThatWouldLetTheServerActThroughWarden() {
        serverAnswering(request -> json(200, Map.of(), tools(request, "lookup"))).open();

        Sent initialize = sent.stream().filter(s -> s.method().equals("initialize")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) initialize.message().get("params");
        assertThat(((Map<?, ?>) params.get("capabilities")).keySet().stream().map(String::valueOf).toList()).doesNotContain("sampling", "roots", "elicitation");
        assertThat(sent).filteredOn(s -> !s.method().equals("initialize"))
                .allMatch(s -> "session-1".equals(s.headers().get("Mcp-Session-Id"))
                        && "2025-06-18".equals(s.headers().get("MCP-Protocol-Version")));
    }

    @Test
    void answersTheServersOwnRequestsWithAnErrorExceptPingAndActsOnNone() {
        List<McpSchema.Tool> listed = serverAnswering(request -> events(
                "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"sampling/createMessage\",\"params\":{\"messages\":[],"
                        + "\"maxTokens\":10}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s2\",\"method\":\"roots/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s3\",\"method\":\"elicitation/create\",\"params\":{\"message\":\"token?\","
                        + "\"requestedSchema\":{\"type\":\"object\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s4\",\"method\":\"ping\"}",
                tools(request, "lookup"))).open();

        assertThat(listed).extracting(McpSchema.Tool::name).containsExactly("lookup");
        assertThat(Waiting.eventually(() -> answers().size() == 4)).as("answers: %s", answers()).isTrue();
        assertThat(answers()).filteredOn(a -> List.of("s1", "s2", "s3").contains(a.get("id")))
                .hasSize(3).allMatch(a -> a.containsKey("error") && !a.containsKey("result"));
        assertThat(answers()).filteredOn(a -> "s4".equals(a.get("id"))).singleElement()
                .satisfies(a -> assertThat(a).containsKey("result").doesNotContainKey("error"));
    }

    @Test
    void passesOnAtMostAFewOfTheServersOwnRequestsPerAnswer() throws InterruptedException {
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flood.add("{\"jsonrpc\":\"2.0\",\"id\":\"p" + i + "\",\"method\":\"ping\"}");
        }
        serverAnswering(request -> {
            List<String> all = new ArrayList<>(flood);
            all.add(tools(request, "lookup"));
            return events(all.toArray(String[]::new));
        }).open();

        assertThat(Waiting.eventually(() -> answers().size() == RemoteServerTransport.SERVER_REQUESTS)).isTrue();
        Thread.sleep(300);
        assertThat(answers()).hasSize(RemoteServerTransport.SERVER_REQUESTS);
        assertThat(problems).as("%s", sent).anyMatch(p -> p.contains("more than " + RemoteServerTransport.SERVER_REQUESTS + " requests"));
    }

    @Test
    void anAnswerWithoutAResponseToTheRequestFailsItAtOnce() {
        Map<String, Function<Sent, Http.Response>> hostile = new java.util.LinkedHashMap<>();
        hostile.put("something that is not a JSON-RPC message", r -> json(200, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":"));
        hostile.put("a batch", r -> json(200, Map.of(), "[" + tools(r, "lookup") + "]"));
        hostile.put("a response to a request Warden did not make here (id 999)",
                r -> json(200, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{\"tools\":[]}}"));
        hostile.put("a response to a request Warden did not make here",
                r -> events(tools(r, "first"), tools(r, "second")));
        hostile.put("accepted a request without answering it", r -> new Http.Response(202, Map.of(), new byte[0]));
        hostile.put("held no response to Warden's request", r -> events());
        hostile.forEach((what, answer) -> {
            long start = System.nanoTime();
            ExternalServer opened = serverAnswering(answer);
            if (what.equals("a response to a request Warden did not make here")) {
                assertThat(opened.open()).extracting(McpSchema.Tool::name).as(what).containsExactly("first");
            } else {
                assertThatThrownBy(opened::open).as(what).hasStackTraceContaining(what);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(what).isLessThan(Duration.ofSeconds(10));
            opened.close();
            server = null;
        });
        assertThat(problems).anyMatch(p -> p.contains("answered with a response to a request Warden did not make here"));
    }

    @Test
    void aSessionIdThatCannotBeSentBackEndsTheExchange() {
        for (String id : List.of("abc\r\nX-Injected: 1", "x".repeat(4096), "with space", "")) {
            Http http = request -> json(200, Map.of("Mcp-Session-Id", List.of(id)), "{\"jsonrpc\":\"2.0\",\"id\":0}");
            ExternalServer opened = ExternalServer.remote(p -> new RemoteServerTransport(http, URL, Map.of(), Set.of(),
                    json, CALLS, p, Optional.empty()), CALLS, CALLS, tools -> { });
            assertThatThrownBy(opened::open).hasStackTraceContaining("Mcp-Session-Id is not 1 to 256 visible ASCII");
            opened.close();
        }
    }

    @Test
    void aProtocolVersionThatIsNotAVersionIsNeverSentAsAHeader() {
        Http http = request -> {
            sent.add(new Sent(request.headers(), Map.of()));
            String id = new String(request.body(), StandardCharsets.UTF_8).replaceAll(".*\"id\":(\"[^\"]*\"|\\d+).*", "$1");
            return json(200, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"protocolVersion\":\"2025-06-18\\r\\n"
                    + "X-Injected: 1\",\"capabilities\":{},\"serverInfo\":{\"name\":\"h\",\"version\":\"1\"}}}");
        };
        server = ExternalServer.remote(p -> new RemoteServerTransport(http, URL, Map.of(), Set.of(), json, CALLS, p,
                Optional.empty()), CALLS, CALLS, tools -> { });

        assertThatThrownBy(server::open).hasStackTraceContaining("protocol version");
        assertThat(sent).isNotEmpty().noneMatch(s -> s.headers().containsKey("MCP-Protocol-Version"));
    }

    @Test
    void theServerCannotEchoTheHeaderSecretIntoAnErrorOrAResult() {
        ExternalServer opened = serverAnswering(request -> request.method().equals("tools/list")
                ? json(200, Map.of(), tools(request, "echo"))
                : json(200, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request) + ",\"result\":{\"content\":[{"
                + "\"type\":\"text\",\"text\":\"you sent Bearer " + SECRET + "\"}]}}"));
        opened.open();

        McpSchema.CallToolResult result = opened.call("echo", Map.of());

        assertThat(result.content()).singleElement().satisfies(c ->
                assertThat(((McpSchema.TextContent) c).text()).isEqualTo("you sent Bearer [redacted]"));
        ExternalServer failing = serverAnswering(request -> json(200, Map.of(), "{\"jsonrpc\":\"2.0\",\"id\":" + idOf(request)
                + ",\"error\":{\"code\":-32000,\"message\":\"bad token " + SECRET + "\"}}"));
        assertThatThrownBy(failing::open).satisfies(e -> assertThat(stackOf(e)).contains("bad token [redacted]")
                .doesNotContain(SECRET));
        assertThat(failing.lastWords()).doesNotContain(SECRET);
        opened.close();
    }

    @Test
    void offersAtMostAFewHundredToolsOfOneServer() {
        String[] names = new String[3000];
        for (int i = 0; i < names.length; i++) {
            names[i] = "tool" + i;
        }
        ExternalServer opened = serverAnswering(request -> json(200, Map.of(), tools(request, names)));

        assertThat(opened.open()).hasSize(ExternalServer.MAX_TOOLS);
        assertThat(opened.lastWords()).contains("it offers 3000 tools; only the first " + ExternalServer.MAX_TOOLS);
    }

    @Test
    void aListThatNeverEndsIsCutOffAfterAFewPages() {
        ExternalServer opened = serverAnswering(request -> {
            String page = tools(request, "tool" + sent.size());
            return json(200, Map.of(), page.substring(0, page.length() - 2) + ",\"nextCursor\":\"more\"}}");
        });

        assertThatThrownBy(opened::open).hasStackTraceContaining("the server's tools/list runs over more than "
                + RemoteServerTransport.MAX_PAGES + " pages");
        assertThat(sent.stream().filter(s -> s.method().equals("tools/list"))).hasSize(RemoteServerTransport.MAX_PAGES);
    }

    @Test
    void aListOfAFewPagesIsReadWhole() {
        ExternalServer opened = serverAnswering(request -> {
            String page = tools(request, "tool" + sent.size());
            return json(200, Map.of(), sent.size() > 6 ? page
                    : page.substring(0, page.length() - 2) + ",\"nextCursor\":\"more\"}}");
        });

        assertThat(opened.open()).extracting(McpSchema.Tool::name).containsExactly("tool3", "tool4", "tool5", "tool6", "tool7");
    }

    private static String stackOf(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** @return the responses Warden sent to the server's own requests */
    private List<Map<String, Object>> answers() {
        return sent.stream().map(Sent::message).filter(m -> !m.containsKey("method") && m.containsKey("id")).toList();
    }

    /** Waits as {@code GatewayFixture.eventually} does, which lives in another package. */
    private static final class Waiting {

        static boolean eventually(java.util.function.BooleanSupplier condition) {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return condition.getAsBoolean();
        }
    }
}
