package dev.warden.manager.gateway;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running external MCP server: its process, started without a shell as its {@link ServerLaunch} says, and
 * the MCP client Warden talks to it with. It stops as MCP's stdio transport asks: its input is closed, then it is
 * sent SIGTERM, then it and every process it started are killed.
 */
final class ExternalServer implements AutoCloseable {

    /** How long a server has to exit after its input closes, and again after SIGTERM. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final int MAX_TOOL_PAGES = 10;
    private static final int KEPT_ERROR_LINES = 5;

    private final Process process;
    private final Deque<String> lastErrors = new ArrayDeque<>();
    /** Set once, by {@link #launch}, before the server is handed out. */
    private McpSyncClient client;

    private ExternalServer(Process process) {
        this.process = process;
    }

    /**
     * Starts the process. The MCP session is not open yet: {@link #open} does that, so that a caller can keep the
     * server (and stop it) while the session opens.
     *
     * @param calls    the longest a request to the server may take
     * @param opening  the longest the MCP initialisation may take
     * @param changed  told the server's whole tool list each time the server says it changed
     * @throws IOException if the program cannot be started
     */
    static ExternalServer launch(ServerLaunch launch, McpJsonMapper json, Duration calls, Duration opening,
                                 Consumer<List<McpSchema.Tool>> changed, String threadName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launch.program().toString());
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        ExternalServer server = new ExternalServer(builder.start());
        server.drainErrors(threadName + "-stderr");
        ServerProcessTransport transport = new ServerProcessTransport(server.process, json, threadName,
                problem -> server.remember("warden: " + problem));
        server.client = McpClient.sync(transport).requestTimeout(calls).initializationTimeout(opening)
                .clientInfo(new McpSchema.Implementation("warden", "gateway"))
                .toolsChangeConsumer(changed).build();
        return server;
    }

    /**
     * Opens the MCP session and lists the server's tools.
     *
     * @return the tools, at most {@value #MAX_TOOL_PAGES} pages of them
     * @throws RuntimeException as the MCP client throws it when the server does not answer in time or answers with an error
     */
    List<McpSchema.Tool> open() {
        client.initialize();
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_TOOL_PAGES; page++) {
            McpSchema.ListToolsResult result = cursor == null ? client.listTools() : client.listTools(cursor);
            tools.addAll(result.tools());
            cursor = result.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        return tools;
    }

    /**
     * @return the server's result
     * @throws IllegalStateException if the server is no longer running
     * @throws RuntimeException      as the MCP client throws it for a time-out or an error answer
     */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server stopped (exit code " + process.exitValue() + ")" + lastWords());
        }
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments == null ? Map.of() : arguments));
    }

    /** @return the last lines the server wrote to standard error, for a message about its failure; empty if none */
    synchronized String lastWords() {
        return lastErrors.isEmpty() ? "" : "; it said: " + String.join(" / ", lastErrors);
    }

    /** @return the process id, for audit entries and tests */
    long pid() {
        return process.pid();
    }

    private synchronized void remember(String line) {
        if (lastErrors.size() == KEPT_ERROR_LINES) {
            lastErrors.removeFirst();
        }
        lastErrors.addLast(line.length() > 300 ? line.substring(0, 300) + "..." : line);
    }

    private void drainErrors(String threadName) {
        Thread drain = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    remember(line);
                }
            } catch (IOException e) {
                // the process ended; what it said is kept
            }
        }, threadName);
        drain.setDaemon(true);
        drain.start();
    }

    /** Stops the server: input closed, then SIGTERM, then the whole process tree killed, waiting {@link #EXIT_WAIT} before each step. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        client.close();
        try {
            if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
