package dev.warden.manager.testing;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small external MCP server for tests, run as {@code java dev.warden.manager.testing.EchoMcpServer} with
 * {@code ECHO_DIR} naming a folder. It writes {@code started-<pid>} there with its environment and working folder,
 * so that a test can tell whether it ran and what it saw; it offers {@code echo} with the description in
 * {@code description.txt} (if that file exists), and also {@code shout} if the file {@code extra} exists. While it
 * runs it watches {@code description.txt} and tells its client that its tools changed when the file does. It
 * exits when its input ends.
 */
public final class EchoMcpServer {

    public static final String DEFAULT_DESCRIPTION = "Echoes the text back";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";

    private EchoMcpServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getenv("ECHO_DIR"));
        StringBuilder seen = new StringBuilder("cwd=" + Path.of("").toAbsolutePath() + "\n");
        new TreeMap<>(System.getenv()).forEach((k, v) -> seen.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("started-" + ProcessHandle.current().pid()), seen, StandardCharsets.UTF_8);

        McpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
        ClosingStdin in = new ClosingStdin();
        String description = description(dir);
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, System.out))
                .serverInfo("echo", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(echo(json, description))
                .build();
        if (Files.exists(dir.resolve("extra"))) {
            server.addTool(tool(json, "shout", "Shouts the text", text -> text.toUpperCase(java.util.Locale.ROOT)));
        }
        Thread watch = new Thread(() -> watch(server, json, dir, description));
        watch.setDaemon(true);
        watch.start();
        in.awaitClosed();
        System.exit(0);
    }

    private static void watch(McpSyncServer server, McpJsonMapper json, Path dir, String first) {
        String current = first;
        while (true) {
            try {
                Thread.sleep(200);
                String now = description(dir);
                if (!now.equals(current)) {
                    current = now;
                    server.removeTool("echo");
                    server.addTool(echo(json, now));
                    server.notifyToolsListChanged();
                }
            } catch (InterruptedException | IOException e) {
                return;
            }
        }
    }

    private static String description(Path dir) throws IOException {
        Path file = dir.resolve("description.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : DEFAULT_DESCRIPTION;
    }

    private static McpServerFeatures.SyncToolSpecification echo(McpJsonMapper json, String description) {
        return tool(json, "echo", description, text -> "echo: " + text);
    }

    private static McpServerFeatures.SyncToolSpecification tool(McpJsonMapper json, String name, String description,
                                                                java.util.function.UnaryOperator<String> answer) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(json, SCHEMA).build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
            return McpSchema.CallToolResult.builder().addTextContent(answer.apply(String.valueOf(arguments.get("text"))))
                    .isError(false).build();
        }).build();
    }
}
