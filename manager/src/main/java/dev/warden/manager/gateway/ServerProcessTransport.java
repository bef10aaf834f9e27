package dev.warden.manager.gateway;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The MCP client side of stdio (one JSON-RPC message per line) over a process Warden started itself. The SDK's
 * own stdio transport starts the process with part of Warden's environment and keeps it out of reach; Warden needs
 * to choose the whole environment and to kill the process tree, so it starts the process and hands the pipes
 * here. Lines longer than {@link #MAX_LINE_CHARS} are dropped, so a server cannot make Warden hold an endless line.
 */
final class ServerProcessTransport implements McpClientTransport {

    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    private final InputStream fromServer;
    private final McpJsonMapper json;
    private final String name;
    private final Consumer<String> problems;
    private final OutputStream toServer;

    /**
     * @param name     the thread name of the reader, for diagnostics
     * @param problems told about lines that are not messages
     */
    ServerProcessTransport(ServerProcess process, McpJsonMapper json, String name, Consumer<String> problems) {
        this.fromServer = process.stdout();
        this.json = json;
        this.name = name;
        this.problems = problems;
        this.toServer = process.stdin();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> {
            Thread reader = new Thread(() -> read(handler), name);
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (Reader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (c != '\n') {
                    if (line.length() < MAX_LINE_CHARS) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                if (tooLong) {
                    problems.accept("dropped a message longer than " + MAX_LINE_CHARS + " characters");
                } else if (!line.toString().isBlank()) {
                    deliver(line.toString(), handler);
                }
                line.setLength(0);
                tooLong = false;
            }
        } catch (IOException e) {
            // the process ended or its output was closed under the reader: nothing more will come
        }
    }

    private void deliver(String line, Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
            problems.accept("sent a line that is not a JSON-RPC message");
            return;
        }
        handler.apply(Mono.just(message)).subscribe(m -> { }, e -> problems.accept("a message failed: " + e.getMessage()));
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.defer(() -> {
            try {
                byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
                synchronized (toServer) {
                    toServer.write(line);
                    toServer.flush();
                }
                return Mono.empty();
            } catch (IOException e) {
                return Mono.error(e);
            }
        });
    }

    /** Closes the server's input, which asks a stdio server to exit; stopping the process is its owner's job. */
    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> {
            try {
                synchronized (toServer) {
                    toServer.close();
                }
            } catch (IOException e) {
                // already closed: the server's input has ended either way
            }
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
