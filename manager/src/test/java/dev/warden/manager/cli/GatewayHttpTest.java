package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.INITIALIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.manager.testing.RawHttp;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve --http 0} started as its own process, reached by the MCP Java SDK's client over Streamable
 * HTTP with the token from the home folder, the way a client configured with it connects; and reached by requests
 * a client would not send (no token, a wrong one, another Host, a foreign page), which are refused before any
 * plugin sees them.
 */
class GatewayHttpTest {

    @TempDir
    Path temp;

    GatewayFixture fixture;
    Process server;
    Path serverLog;
    int port;
    McpSyncClient client;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GatewayFixture(temp);
        serverLog = temp.resolve("serve.log");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (client != null && server != null && server.isAlive()) {
            client.closeGracefully();
        } else if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code warden serve --http 0} and waits for the line that says where it listens. */
    private void startServer() throws Exception {
        GatewayFixture.HttpGateway gateway = fixture.startHttp(serverLog);
        server = gateway.process();
        port = gateway.port();
    }

    private String log() {
        return GatewayFixture.readLog(serverLog);
    }

    private String token() throws IOException {
        return Files.readString(fixture.home().resolve("gateway-token"), StandardCharsets.US_ASCII).strip();
    }

    private McpSyncClient connect(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
                .httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient connected = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
        connected.initialize();
        return connected;
    }

    /** The headers a well-behaved client sends, with {@code extra} added or replacing them (a null value removes one). */
    private Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> headers = GatewayFixture.clientHeaders(port);
        extra.forEach((name, value) -> {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        return headers;
    }

    private RawHttp.Response post(Map<String, String> headers, String body) throws IOException {
        return RawHttp.post(new InetSocketAddress("127.0.0.1", port), "/mcp", headers, body);
    }

    @Test
    void servesThePluginsToAnMcpClientOverHttp() throws Exception {
        fixture.installSamples();
        startServer();

        client = connect(token());

        fixture.walkThroughTheSamples(client, this::log);
    }

    @Test
    void refusesRequestsWithoutTheRightTokenBeforeAnyPluginSeesThem() throws Exception {
        fixture.install(fixture.sample("notes"), "notes");
        startServer();
        String bearer = "Bearer " + token();
        RawHttp.Response opened = post(headers(Map.of("Authorization", bearer)), INITIALIZE);
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        String session = opened.header("Mcp-Session-Id").orElseThrow();
        RawHttp.Response initialized = post(headers(Map.of("Authorization", bearer, "Mcp-Session-Id", session)),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(initialized.status()).as(initialized.body()).isBetween(200, 299);
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"warden-samples_notes__add\","
                + "\"arguments\":{\"text\":\"planted by a stranger\"}}}";

        RawHttp.Response withoutToken = post(headers(Map.of("Mcp-Session-Id", session)), call);
        RawHttp.Response wrongToken = post(headers(Map.of("Mcp-Session-Id", session,
                "Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")), call);
        RawHttp.Response basic = post(headers(Map.of("Mcp-Session-Id", session, "Authorization", "Basic d2FyZGVuOnNlY3JldA==")), call);

        for (RawHttp.Response refused : List.of(withoutToken, wrongToken, basic)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                    .startsWith("Bearer realm=\"warden\", error=\"invalid_token\"").contains("warden serve --show-token"));
            assertThat(refused.body()).contains("\"jsonrpc\":\"2.0\"").contains("\"error\"").contains("gateway-token")
                    .doesNotContain(token());
        }
        assertThat(withoutToken.body()).contains("Authorization: Bearer <token>");
        assertThat(fixture.toolCalls("warden-samples/notes")).as("no refused call reached the plugin").isZero();
        assertThatThrownBy(() -> connect("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).as("the SDK client with a wrong token")
                .isInstanceOf(RuntimeException.class);

        RawHttp.Response withToken = post(headers(Map.of("Mcp-Session-Id", session, "Authorization", bearer)), call);
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"id\":2").doesNotContain("\"isError\":true");
        assertThat(fixture.toolCalls("warden-samples/notes")).as("the same call with the token reached it").isEqualTo(1);
    }

    @Test
    void refusesOtherHostsAndForeignPagesAndListensOnLoopbackOnly() throws Exception {
        startServer();
        String bearer = "Bearer " + token();

        RawHttp.Response rebound = post(headers(Map.of("Authorization", bearer, "Host", "attacker.example:" + port)), INITIALIZE);
        RawHttp.Response otherPort = post(headers(Map.of("Authorization", bearer, "Host", "127.0.0.1:1")), INITIALIZE);
        RawHttp.Response foreignPage = post(headers(Map.of("Authorization", bearer, "Origin", "https://attacker.example")), INITIALIZE);
        RawHttp.Response opaquePage = post(headers(Map.of("Authorization", bearer, "Origin", "null")), INITIALIZE);
        RawHttp.Response lookalike = post(headers(Map.of("Authorization", bearer, "Origin", "http://localhost.attacker.example")),
                INITIALIZE);
        for (RawHttp.Response refused : List.of(rebound, otherPort, foreignPage, opaquePage, lookalike)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("\"error\"");
        }
        RawHttp.Response localPage = post(headers(Map.of("Authorization", bearer, "Host", "localhost:" + port,
                "Origin", "http://localhost:3000")), INITIALIZE);
        assertThat(localPage.status()).as(localPage.body()).isEqualTo(200);

        // Bound to 127.0.0.1 itself, not to every address: neither another loopback address nor the machine's
        // own network addresses answer.
        assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.2"), port).close()).isInstanceOf(ConnectException.class);
        for (InetAddress address : networkAddresses()) {
            assertThatThrownBy(() -> new Socket(address, port).close()).as("%s", address).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void stopsListeningWhenTerminatedWhileAClientIsConnected() throws Exception {
        fixture.install(fixture.sample("notes"), "notes");
        startServer();
        client = connect(token());
        assertThat(client.listTools().tools()).isNotEmpty();

        long asked = System.nanoTime();
        server.destroy();

        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as(log()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("time to stop").isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThat(log()).doesNotContain("Exception");
    }

    private static List<InetAddress> networkAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(n -> {
                    try {
                        return n.isUp() && !n.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress())
                .toList();
    }
}
