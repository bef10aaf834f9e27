package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code warden serve --http} shows a client that does something wrong, or something another server would
 * want: every error is a JSON-RPC error (for a JSON-RPC request) or one line of plain text, never a Java exception;
 * OAuth discovery finds nothing (404) instead of a 401 that would start dynamic client registration; a 401 says
 * which command prints the token; and each protocol revision a client asks for is answered with that revision.
 */
class GatewayHttpFaceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What an exception dump or Jetty's own error page would show. */
    private static final List<String> DUMP_MARKS = List.of("Exception", "stackTrace", "at org.", "at java.", "jetty",
            "Jetty", "<html", "Caused by");
    /** The revisions of MCP served by the SDK's Streamable HTTP transport, newest last. */
    private static final List<String> HTTP_REVISIONS = List.of("2025-03-26", "2025-06-18", "2025-11-25");
    private static final String LATEST = "2025-11-25";

    @TempDir
    Path temp;

    GatewayFixture fixture;
    Process server;
    Path serverLog;
    int port;
    String bearer;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GatewayFixture(temp);
        serverLog = temp.resolve("serve.log");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void startServer() throws Exception {
        GatewayFixture.HttpGateway gateway = fixture.startHttp(serverLog);
        server = gateway.process();
        port = gateway.port();
        bearer = "Bearer " + fixture.gatewayToken();
    }

    private String log() {
        return GatewayFixture.readLog(serverLog);
    }

    /** The headers a well-behaved client sends with the token, then {@code changes} (a null value removes one). */
    private Map<String, String> headers(String... changes) {
        Map<String, String> headers = new LinkedHashMap<>(GatewayFixture.clientHeaders(port));
        headers.put("Authorization", bearer);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                headers.remove(changes[i]);
            } else {
                headers.put(changes[i], changes[i + 1]);
            }
        }
        return headers;
    }

    private RawHttp.Response send(String method, String path, Map<String, String> headers, String body) throws IOException {
        return RawHttp.send(new InetSocketAddress("127.0.0.1", port), method, path, headers, body);
    }

    private static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id) + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String initialize(Object id, String revision) {
        return request(id, "initialize", "{\"protocolVersion\":\"" + revision + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}");
    }

    /** The one JSON-RPC message of an answer, plain JSON or the data line of an event stream. */
    private static JsonNode message(RawHttp.Response response) {
        String body = response.body().strip();
        if (body.startsWith("{")) {
            return JSON.readTree(body);
        }
        return body.lines().filter(line -> line.startsWith("data:")).map(line -> JSON.readTree(line.substring(5)))
                .filter(node -> node.has("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON-RPC answer in: " + body));
    }

    private static void assertNoDump(String what, RawHttp.Response response) {
        for (String mark : DUMP_MARKS) {
            assertThat(response.body()).as("%s: %s", what, response.body()).doesNotContain(mark);
        }
        assertThat(response.headers().toString()).as("%s headers", what).doesNotContainIgnoringCase("jetty");
    }

    /** Asserts a JSON-RPC error answering {@code id} (null for none), with a code and a message. */
    private static JsonNode assertJsonRpcError(String what, RawHttp.Response response, Object id) {
        assertNoDump(what, response);
        assertThat(response.status()).as("%s: %s", what, response.body()).isGreaterThanOrEqualTo(400);
        assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).contains("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("jsonrpc").asString()).as(what).isEqualTo("2.0");
        assertThat(error.get("id")).as("%s: %s", what, response.body()).isEqualTo(JSON.valueToTree(id));
        assertThat(error.at("/error/code").isInt()).as("%s: %s", what, response.body()).isTrue();
        assertThat(error.at("/error/message").asString()).as(what).isNotBlank();
        assertThat(error.has("result")).as(what).isFalse();
        return error;
    }

    private static void assertPlainText(String what, RawHttp.Response response, int status) {
        assertNoDump(what, response);
        assertThat(response.status()).as("%s: %s", what, response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body().strip()).as(what).isNotEmpty().doesNotContain("\n");
    }

    @Test
    void answersJsonRpcRequestsThatFailWithJsonRpcErrorsAndNeverAnException() throws Exception {
        startServer();
        String list = request(7, "tools/list", null);

        JsonNode badJson = assertJsonRpcError("bad JSON", send("POST", "/mcp", headers(), "{\"jsonrpc\":\"2.0\",\"id\":"), null);
        assertThat(badJson.at("/error/code").asInt()).isEqualTo(-32700);
        assertJsonRpcError("wrong content type", send("POST", "/mcp", headers("Content-Type", "text/plain"),
                initialize(1, LATEST)), 1);
        assertJsonRpcError("wrong Accept", send("POST", "/mcp", headers("Accept", "text/html"), initialize("a", LATEST)), "a");
        assertJsonRpcError("no Accept", send("POST", "/mcp", headers("Accept", null), initialize(2, LATEST)), 2);
        RawHttp.Response noSession = send("POST", "/mcp", headers(), list);
        assertJsonRpcError("no session id", noSession, 7);
        RawHttp.Response unknown = send("POST", "/mcp", headers("Mcp-Session-Id", "no-such-session"), list);
        assertJsonRpcError("unknown session id", unknown, 7);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertJsonRpcError("not a message", send("POST", "/mcp", headers(), "{\"hello\":1}"), null);
        // refused before its body is read, so the error can name no id
        assertJsonRpcError("no token", send("POST", "/mcp", headers("Authorization", null), list), null);
        // a request without the token that announces 1 MB and sends none is answered at once: Warden reads nothing of
        // a refused request (a page elsewhere could otherwise make it hold megabytes per request)
        long start = System.nanoTime();
        RawHttp.Response unread = send("POST", "/mcp", headers("Authorization", null, "Content-Length", "1000000"), "");
        assertThat(unread.status()).as(unread.body()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without waiting for the body")
                .isLessThan(Duration.ofSeconds(20));
        RawHttp.Response tooLarge = send("POST", "/mcp", headers("Content-Length", "20000000"), "");
        assertJsonRpcError("body too large", tooLarge, null);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(log()).as("the server's own log").doesNotContain("stackTrace");
    }

    @Test
    void answersOtherFailedRequestsWithOneLineOfPlainText() throws Exception {
        startServer();

        assertPlainText("PUT", send("PUT", "/mcp", headers(), "x"), 405);
        assertPlainText("PATCH", send("PATCH", "/mcp", headers(), "x"), 501);
        assertPlainText("another path", send("GET", "/elsewhere", headers(), ""), 404);
        assertPlainText("another path without the token", send("GET", "/elsewhere", headers("Authorization", null), ""), 401);
        RawHttp.Response noSessionGet = send("GET", "/mcp", headers("Accept", "text/event-stream"), "");
        assertNoDump("GET without a session", noSessionGet);
        assertThat(noSessionGet.status()).isGreaterThanOrEqualTo(400);
        RawHttp.Response unknownDelete = send("DELETE", "/mcp", headers("Mcp-Session-Id", "no-such-session"), "");
        assertNoDump("DELETE of an unknown session", unknownDelete);
        assertThat(unknownDelete.status()).isGreaterThanOrEqualTo(400);
        RawHttp.Response malformed = RawHttp.exchange(new InetSocketAddress("127.0.0.1", port),
                "GARBAGE\u0001 / HTTP/9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertNoDump("a malformed request", malformed);
        assertThat(malformed.status()).isEqualTo(400);
        RawHttp.Response hugeHeader = send("GET", "/mcp", headers("X-Filler", "y".repeat(64 * 1024)), "");
        assertNoDump("a header too large", hugeHeader);
        assertThat(hugeHeader.status()).isEqualTo(431);
    }

    @Test
    void answersOauthDiscoveryWith404WithoutTheTokenAndEvery401NamesTheCommandThatPrintsIt() throws Exception {
        startServer();

        for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server/mcp",
                "/.well-known/openid-configuration", "/.well-known/openid-configuration/mcp")) {
            for (String method : List.of("GET", "POST")) {
                RawHttp.Response probe = send(method, path, headers("Authorization", null, "Content-Type", null), "");
                assertPlainText(method + " " + path, probe, 404);
                assertThat(probe.header("WWW-Authenticate")).as(path).isEmpty();
            }
        }
        RawHttp.Response foreign = send("GET", "/.well-known/oauth-protected-resource",
                headers("Authorization", null, "Host", "attacker.example:" + port), "");
        assertThat(foreign.status()).as("the Host check still comes first").isEqualTo(403);

        for (String authorization : new String[] {null, "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic eDp5"}) {
            RawHttp.Response refused = send("POST", "/mcp", headers("Authorization", authorization), initialize(1, LATEST));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                    .matches("Bearer realm=\"warden\", error=\"invalid_token\", error_description=\"[^\"\\\\]*\"")
                    .contains("warden serve --show-token"));
            assertThat(assertJsonRpcError("401", refused, null).at("/error/message").asString())
                    .contains("warden serve --show-token");
            RawHttp.Response plain = send("GET", "/mcp", headers("Authorization", authorization, "Accept", "text/event-stream"), "");
            assertPlainText("401 to a GET", plain, 401);
            assertThat(plain.body()).contains("warden serve --show-token");
        }
    }

    @Test
    void answersEachRevisionAClientAsksForWithThatRevisionAndServesItsCalls() throws Exception {
        fixture.install(fixture.sample("notes"), "notes");
        startServer();
        String call = request(3, "tools/call", "{\"name\":\"warden-samples_notes__add\",\"arguments\":{\"text\":\"hi\"}}");

        for (String revision : HTTP_REVISIONS) {
            RawHttp.Response opened = send("POST", "/mcp", headers(), initialize(1, revision));
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(message(opened).at("/result/protocolVersion").asString()).as(revision).isEqualTo(revision);
            String session = opened.header("Mcp-Session-Id").orElseThrow();
            String[] inSession = {"Mcp-Session-Id", session, "MCP-Protocol-Version", revision};
            assertThat(send("POST", "/mcp", headers(inSession), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .status()).isBetween(200, 299);

            JsonNode tools = message(send("POST", "/mcp", headers(inSession), request(2, "tools/list", null)));
            assertThat(tools.at("/result/tools").findValuesAsString("name")).as(revision).contains("warden-samples_notes__add");
            JsonNode called = message(send("POST", "/mcp", headers(inSession), call));
            assertThat(called.at("/result/isError").asBoolean(false)).as("%s: %s", revision, called).isFalse();
        }
        RawHttp.Response unknown = send("POST", "/mcp", headers(), initialize(1, "2099-01-01"));
        assertThat(message(unknown).at("/result/protocolVersion").asString()).as("an unknown revision").isEqualTo(LATEST);
        assertThat(fixture.toolCalls("warden-samples/notes")).isEqualTo(HTTP_REVISIONS.size());
    }
}
