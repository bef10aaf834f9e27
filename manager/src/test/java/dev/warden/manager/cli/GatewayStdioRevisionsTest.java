package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.WardenProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve} over stdio, fed raw JSON-RPC lines as a client of each MCP revision sends them: the
 * revision asked for in {@code initialize} is the one answered when Warden serves it, the latest otherwise, and
 * the tools are listed and called under it.
 */
class GatewayStdioRevisionsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    GatewayFixture fixture;
    Process server;
    Path serverLog;
    OutputStream in;
    BufferedReader out;

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

    private void send(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next answer to a request (notifications the server sends meanwhile are skipped). */
    private JsonNode answer() throws IOException {
        while (true) {
            String line = out.readLine();
            assertThat(line).as("an answer; the server wrote %s", Files.exists(serverLog) ? Files.readString(serverLog) : "")
                    .isNotNull();
            JsonNode message = JSON.readTree(line);
            if (message.has("id")) {
                return message;
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2024-11-05, 2024-11-05", "2025-03-26, 2025-03-26", "2025-06-18, 2025-06-18", "2025-11-25, 2025-11-25",
            "2099-01-01, 2025-11-25"})
    void answersTheRevisionAskedForWhenServedAndTheLatestOtherwise(String asked, String answered) throws Exception {
        fixture.install(fixture.sample("notes"), "notes");
        server = WardenProcess.startPiped(fixture.warden.environment(), serverLog,
                "serve", "--workspace", fixture.workspace.toString());
        in = server.getOutputStream();
        out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + asked
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        assertThat(answer().at("/result/protocolVersion").asString()).isEqualTo(answered);
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        assertThat(answer().at("/result/tools").findValuesAsString("name")).contains("warden-samples_notes__add");
        send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"warden-samples_notes__add\","
                + "\"arguments\":{\"text\":\"hi\"}}}");
        JsonNode called = answer();
        assertThat(called.at("/result/isError").asBoolean(false)).as("%s", called).isFalse();
        assertThat(fixture.toolCalls("warden-samples/notes")).isEqualTo(1);
    }
}
