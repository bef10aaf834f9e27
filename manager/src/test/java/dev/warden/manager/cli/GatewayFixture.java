package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.testing.PeekPlugin;
import dev.warden.manager.testing.WardenProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway's end-to-end tests share, whatever the transport: a home that trusts the sample plugins'
 * publisher, a workspace, installing signed plugins, and the walk through the samples a client takes.
 */
final class GatewayFixture extends TempWarden {

    /** The line in which {@code warden serve --http} says where it listens; group 1 is the port. */
    static final Pattern SERVING_AT = Pattern.compile("serving \\d+ plugin\\(s\\) at http://127\\.0\\.0\\.1:(\\d+)/mcp");

    /** The request an MCP client opens a session with, as raw JSON-RPC. */
    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    final Path repository;
    final Publisher samples;

    /** Skips the test when the sample plugins are not laid out. */
    GatewayFixture(Path temp) throws Exception {
        super(temp);
        repository = repositoryRoot();
        assumeTrue(Files.isRegularFile(repository.resolve("sample-plugins/notes/target/plugin/plugin.json")),
                "the sample plugins are not built (mvn -pl sample-plugins/notes,sample-plugins/commit-helper -am process-classes)");
        samples = trustedPublisher("publisher", "warden-samples");
    }

    /** The repository's root folder, which holds the sample plugins and {@code .tools/}. */
    static Path repositoryRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    Path home() {
        return home;
    }

    void install(Path pluginFolder, String fileName) throws Exception {
        Path bundle = samples.signFolder(pluginFolder, fileName);
        CliRunner.Result installed = warden.run("install", bundle.toString(), "--yes");
        assertThat(installed.exitCode()).as(installed.all()).isZero();
    }

    Path sample(String name) {
        return repository.resolve("sample-plugins").resolve(name).resolve("target/plugin");
    }

    /** Installs notes, commit-helper and peek, and puts a file peek may read in the workspace. */
    void installSamples() throws Exception {
        install(sample("notes"), "notes");
        install(sample("commit-helper"), "commit-helper");
        install(PeekPlugin.writeTo(temp), "peek");
        Files.writeString(workspace.resolve("hello.txt"), "hello from the workspace", StandardCharsets.UTF_8);
    }

    /**
     * What a client of {@link #installSamples()} sees: the tools, prompts and resources listed, a tool call that
     * works, a denied capability as a tool error and in the audit log.
     *
     * @param serverSaid what the server wrote to standard error, shown when an assertion fails
     */
    void walkThroughTheSamples(McpSyncClient client, Supplier<String> serverSaid) {
        assertThat(client.listTools().tools()).as("server said: %s", serverSaid.get()).extracting(McpSchema.Tool::name)
                .contains("warden-samples_notes__add", "warden-samples_notes__search", PeekPlugin.TOOL);
        assertThat(client.listPrompts().prompts()).extracting(McpSchema.Prompt::name)
                .contains("warden-samples_commit-helper__conventional-commits", "warden-samples_commit-helper__commit-reviewer");
        assertThat(client.listResources().resources()).extracting(McpSchema.Resource::uri)
                .contains("warden://warden-samples/commit-helper/skills/conventional-commits/SKILL.md");

        McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest("warden-samples_notes__add",
                Map.of("text", "renew the passport")));
        assertThat(added.isError()).as(added.toString()).isFalse();
        McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest("warden-samples_notes__search",
                Map.of("query", "passport")));
        assertThat(text(found)).contains("renew the passport");

        McpSchema.CallToolResult allowed = client.callTool(new McpSchema.CallToolRequest(PeekPlugin.TOOL,
                Map.of("path", "${workspace}/hello.txt")));
        assertThat(text(allowed)).isEqualTo("hello from the workspace");
        McpSchema.CallToolResult denied = client.callTool(new McpSchema.CallToolRequest(PeekPlugin.TOOL,
                Map.of("path", "${home}/.ssh/id_rsa")));
        assertThat(denied.isError()).isTrue();
        assertThat(text(denied)).contains("Warden denied").contains("fs.read");

        McpSchema.GetPromptResult reviewer = client.getPrompt(new McpSchema.GetPromptRequest(
                "warden-samples_commit-helper__commit-reviewer", Map.of()));
        assertThat(((McpSchema.TextContent) reviewer.messages().get(0).content()).text()).contains("sub-agent 'commit-reviewer'");

        String audit = warden.run("audit", "--plugin", "warden-samples/peek", "--json").out();
        assertThat(audit).contains("\"denied\"").contains("fs.read").contains("\"tool.call\"");
    }

    /** @return how many tool calls of {@code plugin} the audit log holds */
    int toolCalls(String plugin) {
        CliRunner.Result audit = warden.run("audit", "--plugin", plugin, "--json");
        assertThat(audit.exitCode()).as(audit.all()).isZero();
        Matcher calls = Pattern.compile("\"tool\\.call\"").matcher(audit.out());
        int count = 0;
        while (calls.find()) {
            count++;
        }
        return count;
    }

    /** The headers an MCP client of {@code warden serve --http} on {@code port} sends, but for the token. */
    static Map<String, String> clientHeaders(int port) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        return headers;
    }

    /** @return what a server wrote to {@code log} so far, or why it cannot be read */
    static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * An MCP client, not yet built, that starts {@code warden serve} over stdio as its own process, as Claude Desktop
     * or Claude Code would.
     *
     * @param env          the environment of the {@code warden serve} process
     * @param serverErrors where what the server writes to standard error goes
     * @param serveOptions more options of {@code warden serve}
     */
    static McpClient.SyncSpec stdioClient(Map<String, String> env, Path workspace, List<String> serverErrors,
                                          String... serveOptions) {
        List<String> args = new ArrayList<>(List.of("serve", "--workspace", workspace.toString()));
        args.addAll(List.of(serveOptions));
        return wardenClient(env, args, serverErrors);
    }

    /** An MCP client that starts Warden with {@code wardenArgs} (a command that serves over stdio) as its own process. */
    static McpClient.SyncSpec wardenClient(Map<String, String> env, List<String> wardenArgs, List<String> serverErrors) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> args = new ArrayList<>(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.warden.manager.cli.WardenMain"));
        args.addAll(wardenArgs);
        ServerParameters server = ServerParameters.builder(java)
                .args(args)
                .env(env)
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        transport.setStdErrorHandler(serverErrors::add);
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(60));
    }

    /** A {@code warden serve --http 0} running as its own process, and the port it said it listens on. */
    record HttpGateway(Process process, Path log, int port) {

        String url() {
            return "http://127.0.0.1:" + port + "/mcp";
        }

        /** What the server printed so far, shown when an assertion fails. */
        String said() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /** Starts {@code warden serve --http 0} on this fixture's workspace and waits for the line that says where it listens. */
    HttpGateway startHttp(Path log) throws Exception {
        Process server = WardenProcess.start(warden.environment(), log, "serve", "--http", "0", "--workspace", workspace.toString());
        HttpGateway starting = new HttpGateway(server, log, 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher serving = SERVING_AT.matcher(starting.said());
            if (serving.find()) {
                return new HttpGateway(server, log, Integer.parseInt(serving.group(1)));
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        server.destroy();
        throw new AssertionError("warden serve --http did not say where it listens: " + starting.said());
    }

    /** The bearer token {@code warden serve --http} wants, as the home holds it. */
    String gatewayToken() throws IOException {
        return Files.readString(home.resolve("gateway-token"), StandardCharsets.US_ASCII).strip();
    }

    static List<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).toList();
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /**
     * The processes running the test MCP server {@code server}, found by its class name among this JVM's descendants:
     * a sandboxed server has its own PID namespace, but its processes are in this tree too.
     */
    static List<ProcessHandle> serverProcesses(Class<?> server) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(server.getName())).orElse(false))
                .toList();
    }

    /** Closes {@code client}, which ends its gateway: all of {@code serverTree}, seen while it ran, must end too. */
    static void closingEndsAll(McpSyncClient client, List<ProcessHandle> serverTree) throws InterruptedException {
        assertThat(serverTree).as("the server's processes, seen while it ran").isNotEmpty();
        client.closeGracefully();
        assertThat(eventually(() -> serverTree.stream().noneMatch(ProcessHandle::isAlive)))
                .as("the server's processes ended with the gateway").isTrue();
    }

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
