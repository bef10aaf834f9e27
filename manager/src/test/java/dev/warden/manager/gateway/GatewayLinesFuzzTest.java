package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes what an MCP client writes to the gateway's standard input: each line gives a message or a
 * {@link JsonRpcLines.Unreadable}, and the stdio transport under a real SDK server ends its session within
 * seconds of the input's end, having written only whole JSON-RPC lines.
 */
class GatewayLinesFuzzTest {

    private static final int MAX_LINE = 4096;
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.builder().build());
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyLineIsAMessageOrAnsweredAsUnreadable(byte[] input) throws Exception {
        JsonRpcLines lines = new JsonRpcLines(JSON);
        for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
            try {
                lines.read(line);
            } catch (JsonRpcLines.Unreadable unreadable) {
                // documented refusal, answered with its code
            }
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LeanStdioTransport transport = new LeanStdioTransport(JSON, new ByteArrayInputStream(input), out, MAX_LINE, why -> {
        });
        McpAsyncServer server = McpServer.async(transport).serverInfo("fuzz", "1").jsonMapper(JSON)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(echo()).build();
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    transport.awaitEnd();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).get(5, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        byte[] written;
        synchronized (out) {
            written = out.toByteArray();
        }
        for (String line : new String(written, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode message = PLAIN.readTree(line);
            assertThat(message.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
        }
    }

    private static McpServerFeatures.AsyncToolSpecification echo() {
        McpSchema.Tool tool = McpSchema.Tool.builder().name("echo").description("echo")
                .inputSchema(new McpSchema.JsonSchema("object", Map.of(), List.of(), null, null, null)).build();
        return McpServerFeatures.AsyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> Mono.just(McpSchema.CallToolResult.builder()
                        .addTextContent(String.valueOf(request.arguments().get("text"))).isError(false).build()))
                .build();
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                        """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"c","version":"1"}}}
                        {"jsonrpc":"2.0","method":"notifications/initialized"}
                        {"jsonrpc":"2.0","id":2,"method":"tools/list"}
                        {"jsonrpc":"2.0","id":"three","method":"tools/call","params":{"name":"echo","arguments":{"text":"hi"}}}
                        {"jsonrpc":"2.0","id":4,"method":"ping"}
                        """,
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}\r\n{\"jsonrpc\":\"2.0\",\"id\":10,\"error\":{\"code\":-1,\"message\":\"x\"}}\n",
                        "not json\n[1]\n{\"id\":{},\"method\":5}\n")
                .map(text -> Arguments.of((Object) text.getBytes(StandardCharsets.UTF_8)));
    }
}
