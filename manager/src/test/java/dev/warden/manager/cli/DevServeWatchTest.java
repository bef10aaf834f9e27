package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code warden dev serve DIR --watch} started by an MCP client over stdio, on a project {@code warden dev new}
 * scaffolded: an edit of the connector's description in the author's plugin.json reaches the connected client as
 * {@code notifications/tools/list_changed} and the new description within 10 seconds, without a restart. Maven runs
 * offline against this machine's local repository, where the plugin API must be installed.
 */
class DevServeWatchTest extends HomeFixture {

    private static final String TOOL = "acme_hello__greet";

    McpSyncClient client;
    final List<List<McpSchema.Tool>> toolLists = new CopyOnWriteArrayList<>();
    final List<String> serverErrors = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void anEditedConnectorDescriptionReachesTheConnectedClientWithinTenSeconds() throws Exception {
        assumeTrue(DevNewTest.onPath("mvn"), "Maven is not on PATH");
        Path project = temp.resolve("hello");
        ok("dev", "new", "acme/hello", "--dir", project.toString());

        client = GatewayFixture.wardenClient(warden.environment(), List.of("dev", "serve", project.toString(), "--watch",
                "--offline", "--workspace", temp.toString()), serverErrors).toolsChangeConsumer(toolLists::add)
                .requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(120)).build();
        client.initialize();
        assertThat(description(client.listTools().tools())).as(serverErrors.toString()).contains("Greets a person by name");
        assertThat(serverErrors).as("the client config is shown").anyMatch(l -> l.contains("\"--watch\""));
        McpSchema.CallToolResult greeted = client.callTool(new McpSchema.CallToolRequest(TOOL, Map.of("name", "Ada")));
        assertThat(GatewayFixture.text(greeted)).startsWith("Hello, Ada!");

        Path manifest = project.resolve("src/main/plugin/plugin.json");
        long edited = System.nanoTime();
        Files.writeString(manifest, Files.readString(manifest).replace("Greets a person by name", "Says hello to a person"));

        long deadline = edited + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && toolLists.stream().noneMatch(l -> description(l).orElse("").contains("Says hello"))) {
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - edited) / 1e9;
        System.out.printf("dev serve --watch: the new description reached the client %.1f s after the edit%n", seconds);
        assertThat(toolLists).as("list_changed with the new description within 10 s; the server said: " + serverErrors)
                .anyMatch(l -> description(l).orElse("").contains("Says hello to a person"));
        assertThat(description(client.listTools().tools())).contains("Says hello to a person");
        assertThat(GatewayFixture.text(client.callTool(new McpSchema.CallToolRequest(TOOL, Map.of("name", "Bo")))))
                .startsWith("Hello, Bo!");

        // a code change goes through Maven; the time it takes is measured, not bounded
        Path code = project.resolve("src/main/java/acme/hello/GreetConnector.java");
        long codeEdited = System.nanoTime();
        Files.writeString(code, Files.readString(code).replace("\"Hello, \"", "\"Hi, \""));
        assertThat(GatewayFixture.eventually(() -> GatewayFixture.text(client.callTool(new McpSchema.CallToolRequest(TOOL,
                Map.of("name", "Cy")))).startsWith("Hi, Cy!"))).as(serverErrors.toString()).isTrue();
        System.out.printf("dev serve --watch: a code change answered %.1f s after the edit%n", (System.nanoTime() - codeEdited) / 1e9);

        // a broken edit is told on standard error, and the last good version goes on being served
        Files.writeString(manifest, Files.readString(manifest).replace("\"name\": \"greet\"", "\"name\": \"Greet Me\""));
        assertThat(GatewayFixture.eventually(() -> serverErrors.stream().anyMatch(l -> l.contains("still serving the last good version"))))
                .as(serverErrors.toString()).isTrue();
        assertThat(description(client.listTools().tools())).contains("Says hello to a person");
    }

    private static Optional<String> description(List<McpSchema.Tool> tools) {
        return tools.stream().filter(t -> t.name().equals(TOOL)).map(McpSchema.Tool::description).findFirst();
    }
}
