package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stdio transport under a real MCP server of the SDK, fed raw bytes through OS pipes: how lines are framed,
 * what comes back for input that is not a message, that the end of the input ends the session, and that answers
 * completing on many threads at once come out as whole lines.
 */
class LeanStdioTransportTest {

    private static final int MAX_LINE = 4096;
    private static final int CONCURRENT_CALLS = 32;

    private final McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CALLS);
    /** Holds the calls to the tool "slow" until released, so that they complete together on different threads. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** Each answer of the tool "slow" is longer than a pipe holds, so that unguarded writes would interleave. */
    private static final String PADDING = "z".repeat(200_000);

    private OutputStream client;
    private Pipe.SinkChannel serverOut;
    private BufferedReader server;
    private LeanStdioTransport transport;
    private McpAsyncServer mcp;

    @BeforeEach
    void start() throws IOException {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        client = Channels.newOutputStream(toServer.sink());
        serverOut = toClient.sink();
        server = new BufferedReader(new InputStreamReader(Channels.newInputStream(toClient.source()), StandardCharsets.UTF_8));
        transport = new LeanStdioTransport(json, Channels.newInputStream(toServer.source()), new Trickle(Channels.newOutputStream(serverOut)),
                MAX_LINE, reported::add);
        mcp = McpServer.async(transport)
                .serverInfo("test", "1")
                .jsonMapper(json)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("echo", arguments -> Mono.just(text(String.valueOf(arguments.get("text"))))),
                        tool("slow", arguments -> Mono.fromFuture(CompletableFuture.supplyAsync(() -> {
                            awaitRelease();
                            return text(arguments.get("text") + PADDING);
                        }, pool))))
                .build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
        mcp.close();
    }

    /** Passes writes on in small pieces, as a stream with no lock of its own may: lines are whole only if the transport keeps them so. */
    private static final class Trickle extends OutputStream {

        private final OutputStream out;

        Trickle(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i += 512) {
                out.write(b, i, Math.min(512, off + len - i));
                Thread.yield();
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private McpServerFeatures.AsyncToolSpecification tool(String name,
                                                          java.util.function.Function<Map<String, Object>, Mono<McpSchema.CallToolResult>> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(name)
                .inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), null, null, null)).build();
        return McpServerFeatures.AsyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> handler.apply(request.arguments())).build();
    }

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String raw) throws IOException {
        client.write(raw.getBytes(StandardCharsets.UTF_8));
        client.flush();
    }

    private Map<String, Object> answer() throws IOException {
        String line = server.readLine();
        assertThat(line).as("a line from the server; it reported %s", reported).isNotNull();
        return json.readValue(line, new TypeRef<HashMap<String, Object>>() {
        });
    }

    private void initialize() throws IOException {
        send("""
                {"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
                "clientInfo":{"name":"test","version":"1"}}}
                {"jsonrpc":"2.0","method":"notifications/initialized"}
                """);
        assertThat(answer()).containsEntry("id", "init").containsKey("result");
    }

    private static String call(Object id, String tool, String text) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"text\":\"" + text + "\"}}}";
    }

    @SuppressWarnings("unchecked")
    private static String resultText(Map<String, Object> answer) {
        Map<String, Object> result = (Map<String, Object>) answer.get("result");
        return (String) ((List<Map<String, Object>>) result.get("content")).get(0).get("text");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("error");
    }

    @Test
    void answersEachLineWhetherLinesArriveTogetherSplitOrWithCarriageReturns() throws IOException {
        initialize();

        String third = call(3, "echo", "three");
        send(call(1, "echo", "one") + "\n" + call(2, "echo", "two") + "\r\n" + third.substring(0, 20));
        send(third.substring(20));
        send("\n");

        assertThat(List.of(answer(), answer(), answer())).extracting(LeanStdioTransportTest::resultText)
                .containsExactly("one", "two", "three");
    }

    @Test
    void readsMultiByteCharactersSplitAcrossReads() throws IOException {
        initialize();
        byte[] line = (call(1, "echo", "zwölf Äpfel") + "\n").getBytes(StandardCharsets.UTF_8);
        int inTheMiddleOfTheUmlaut = new String(line, StandardCharsets.UTF_8).indexOf('ö') + 1;

        client.write(line, 0, inTheMiddleOfTheUmlaut);
        client.flush();
        client.write(line, inTheMiddleOfTheUmlaut, line.length - inTheMiddleOfTheUmlaut);
        client.flush();

        assertThat(resultText(answer())).isEqualTo("zwölf Äpfel");
    }

    @Test
    void answersALineThatIsNotJsonWithAParseErrorAndGoesOn() throws IOException {
        initialize();

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\n");
        send(call(2, "echo", "still here") + "\n");

        Map<String, Object> parseError = answer();
        assertThat(parseError).containsEntry("jsonrpc", "2.0").containsEntry("id", null);
        assertThat(error(parseError)).containsEntry("code", -32700);
        assertThat(resultText(answer())).isEqualTo("still here");
    }

    @Test
    void answersJsonThatIsNotAMessageWithAnInvalidRequestErrorForItsId() throws IOException {
        initialize();

        send("{\"jsonrpc\":\"2.0\",\"id\":7,\"params\":{}}\n[1,2]\n{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":42}\n");

        Map<String, Object> noMethod = answer();
        assertThat(noMethod).containsEntry("id", 7);
        assertThat(error(noMethod)).containsEntry("code", -32600);
        Map<String, Object> notAnObject = answer();
        assertThat(notAnObject).containsEntry("id", null);
        assertThat(error(notAnObject)).containsEntry("code", -32600);
        Map<String, Object> methodNotText = answer();
        assertThat(methodNotText).containsEntry("id", 8);
        assertThat(error(methodNotText)).containsEntry("code", -32600);
    }

    @Test
    void skipsALineLongerThanTheLimitWithAnErrorAndReadsTheNextOne() throws IOException {
        initialize();

        send(call(1, "echo", "x".repeat(MAX_LINE)) + "\n" + call(2, "echo", "after") + "\n");

        Map<String, Object> tooLong = answer();
        assertThat(tooLong).containsEntry("id", null);
        assertThat(error(tooLong)).containsEntry("code", -32600);
        assertThat((String) error(tooLong).get("message")).contains("longer than " + MAX_LINE + " bytes");
        assertThat(resultText(answer())).isEqualTo("after");
    }

    @Test
    void skipsBlankLines() throws IOException {
        initialize();

        send("\n   \r\n" + call(1, "echo", "after blanks") + "\n");

        assertThat(resultText(answer())).isEqualTo("after blanks");
    }

    @Test
    void answersPingAndUnknownMethodsAsTheSdkDoes() throws IOException {
        initialize();

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such\"}\n");

        assertThat(answer()).containsEntry("id", 1).containsEntry("result", Map.of());
        Map<String, Object> unknown = answer();
        assertThat(unknown).containsEntry("id", 2);
        assertThat(error(unknown)).containsEntry("code", -32601);
    }

    @Test
    @Timeout(60) // guards against a reader that never sees the end; no time is asserted
    void endOfInputEndsTheTransportAndClosesTheSession() throws Exception {
        initialize();

        client.close();
        transport.awaitEnd();
        mcp.notifyToolsListChanged().block();
        serverOut.close();

        assertThat(server.readLine()).as("nothing is sent once the session is closed").isNull();
    }

    @Test
    void answersCompletingTogetherOnManyThreadsComeOutAsWholeLines() throws Exception {
        initialize();
        StringBuilder calls = new StringBuilder();
        for (int id = 1; id <= CONCURRENT_CALLS; id++) {
            calls.append(call(id, "slow", "call " + id)).append('\n');
        }
        send(calls.toString());
        mcp.notifyToolsListChanged().subscribe(); // a notification from yet another thread, among the answers

        release.countDown();

        Set<Object> ids = new HashSet<>();
        List<String> methods = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLS + 1; i++) {
            Map<String, Object> message = answer();
            if (message.containsKey("method")) {
                methods.add((String) message.get("method"));
            } else {
                assertThat(resultText(message)).isEqualTo("call " + message.get("id") + PADDING);
                ids.add(message.get("id"));
            }
        }
        assertThat(ids).hasSize(CONCURRENT_CALLS);
        assertThat(methods).containsExactly("notifications/tools/list_changed");
    }
}
