package dev.warden.manager.gateway;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One running external MCP server: its program ({@link ServerProcess}: plain, or in its plugin's sandbox), and the
 * MCP client Warden talks to it with. It stops as MCP's stdio transport asks: its input is closed, then, after
 * {@link #EXIT_WAIT}, it and every process it started are ended; then what it held open (its egress opening) is closed.
 */
final class ExternalServer implements AutoCloseable {

    /** How long a server has to exit after its input closes, and again after SIGTERM. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(2);
    private static final int MAX_TOOL_PAGES = 10;
    /** The most tools of one server Warden offers; a list of thousands would crowd out every other tool. */
    static final int MAX_TOOLS = 500;
    private static final int KEPT_ERROR_LINES = 5;

    /** Empty for a remote server: Warden runs no program of its own for it. */
    private final Optional<ServerProcess> process;
    private final AutoCloseable held;
    private final Deque<String> problems = new ArrayDeque<>();
    /** Set once, by {@link #launch}, before the server is handed out. */
    private McpSyncClient client;

    private ExternalServer(Optional<ServerProcess> process, AutoCloseable held) {
        this.process = process;
        this.held = held;
    }

    /**
     * Starts a server's program without a sandbox, as its {@link ServerLaunch} says.
     *
     * @return the process, its standard error read all the time
     * @throws IOException if the program cannot be started
     */
    static ServerProcess startPlain(ServerLaunch launch, String threadName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launch.program().toString());
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        return ServerProcess.plain(builder.start(), threadName + "-stderr");
    }

    /**
     * Takes a started program. The MCP session is not open yet: {@link #open} does that, so that a caller can keep
     * the server (and stop it) while the session opens.
     *
     * @param held     closed once the program is gone (its egress opening); {@code () -> {}} when nothing is
     * @param calls    the longest a request to the server may take
     * @param opening  the longest the MCP initialisation may take
     * @param changed  told the server's whole tool list each time the server says it changed
     */
    static ExternalServer launch(ServerProcess process, AutoCloseable held, McpJsonMapper json, Duration calls,
                                 Duration opening, Consumer<List<McpSchema.Tool>> changed, String threadName) {
        ExternalServer server = new ExternalServer(Optional.of(process), held);
        ServerProcessTransport transport = new ServerProcessTransport(process, json, threadName,
                problem -> server.remember("warden: " + problem));
        server.client = client(transport, calls, opening, tools -> changed.accept(server.capped(tools)));
        return server;
    }

    /**
     * Takes a remote server Warden reaches through a transport; as for {@link #launch}, {@link #open} opens the
     * session.
     *
     * @param transport makes the transport, given where it reports answers that are not messages
     */
    static ExternalServer remote(Function<Consumer<String>, McpClientTransport> transport, Duration calls,
                                 Duration opening, Consumer<List<McpSchema.Tool>> changed) {
        ExternalServer server = new ExternalServer(Optional.empty(), () -> { });
        server.client = client(transport.apply(problem -> server.remember("warden: " + problem)), calls, opening,
                tools -> changed.accept(server.capped(tools)));
        return server;
    }

    private static McpSyncClient client(McpClientTransport transport, Duration calls, Duration opening,
                                        Consumer<List<McpSchema.Tool>> changed) {
        return McpClient.sync(transport).requestTimeout(calls).initializationTimeout(opening)
                .clientInfo(new McpSchema.Implementation("warden", "gateway"))
                .toolsChangeConsumer(changed).build();
    }

    /**
     * Opens the MCP session and lists the server's tools.
     *
     * @return the tools, at most {@value #MAX_TOOL_PAGES} pages and {@value #MAX_TOOLS} tools of them
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
        return capped(tools);
    }

    private List<McpSchema.Tool> capped(List<McpSchema.Tool> tools) {
        if (tools.size() <= MAX_TOOLS) {
            return tools;
        }
        remember("warden: it offers " + tools.size() + " tools; only the first " + MAX_TOOLS + " are offered");
        return List.copyOf(tools.subList(0, MAX_TOOLS));
    }

    /**
     * @return the server's result
     * @throws IllegalStateException if the server is no longer running
     * @throws RuntimeException      as the MCP client throws it for a time-out or an error answer
     */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments) {
        if (process.isPresent() && process.get().exitCode().isPresent()) {
            throw new IllegalStateException("the server stopped (exit code " + process.get().exitCode().getAsInt() + ")"
                    + lastWords());
        }
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments == null ? Map.of() : arguments));
    }

    /** @return the last lines the server wrote to standard error, for a message about its failure; empty if none */
    synchronized String lastWords() {
        List<String> lines = new ArrayList<>(process.map(p -> p.lastErrorLines(KEPT_ERROR_LINES)).orElse(List.of()));
        lines.addAll(problems);
        List<String> last = lines.subList(Math.max(0, lines.size() - KEPT_ERROR_LINES), lines.size()).stream()
                .map(l -> l.length() > 300 ? l.substring(0, 300) + "..." : l).toList();
        return last.isEmpty() ? "" : "; it said: " + String.join(" / ", last);
    }

    private synchronized void remember(String line) {
        if (problems.size() == KEPT_ERROR_LINES) {
            problems.removeFirst();
        }
        problems.addLast(line);
    }

    /** Stops the server: input closed, then the program and everything it started ended, then what it held closed. */
    @Override
    public void close() {
        try {
            client.close();
            process.ifPresent(p -> p.stop(EXIT_WAIT));
        } finally {
            try {
                held.close();
            } catch (Exception e) {
                remember("warden: closing its egress opening failed: " + e);
            }
        }
    }
}
