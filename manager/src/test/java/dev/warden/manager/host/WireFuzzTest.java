package dev.warden.manager.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the plugin-host wire as Warden reads it from a plugin process, with the real
 * {@link CapabilityServer} answering over {@link CapabilityWireTest.Granted}'s in-memory capabilities:
 * whatever the process writes, the wire ends within seconds with a reason once the input ends, Warden's own
 * request is answered or failed (never left waiting), and every line Warden writes is one JSON-RPC message.
 */
class WireFuzzTest {

    private static final int MAX_LINE = 4096;

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void everyByteStreamEndsTheWireWithAReasonAndLeavesNoRequestWaiting(byte[] input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wire[] served = new Wire[1];
        CapabilityServer server = new CapabilityServer(new CapabilityWireTest.Granted(), (method, params) -> served[0].request(method, params));
        try (Wire wire = new Wire("fuzz", new ByteArrayInputStream(input), out, MAX_LINE, server)) {
            served[0] = wire;
            CompletableFuture<JsonNode> asked = wire.request("tools.call", Wire.JSON.createObjectNode().put("name", "echo"));
            wire.start();

            assertThat(wire.ended().get(5, TimeUnit.SECONDS)).isNotBlank();
            // the wire fails what is pending right after it says it ended, on its reader's thread
            asked.handle((result, failure) -> result).get(5, TimeUnit.SECONDS);
        }
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode message = Wire.JSON.readTree(line);
            assertThat(message.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
        }
    }

    static Stream<Arguments> seeds() {
        return Stream.of(
                        """
                        {"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hi"}]}}
                        """,
                        """
                        {"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"no","data":{"kind":"denied","details":{"kind":"fs.read"}}}}
                        """,
                        """
                        {"jsonrpc":"2.0","id":7,"method":"files.write","params":{"path":"${workspace}/a.txt","content":"aGVsbG8="}}
                        {"jsonrpc":"2.0","id":8,"method":"files.read","params":{"path":"${workspace}/a.txt"}}
                        {"jsonrpc":"2.0","id":"s","method":"files.list","params":{"folder":"${workspace}"}}
                        {"jsonrpc":"2.0","method":"notifier.tell","params":{"message":"done"}}
                        {"jsonrpc":"2.0","id":9,"method":"http.send","params":{"method":"GET","url":"https://api.example.com/x","headers":{}}}
                        {"jsonrpc":"2.0","id":10,"method":"exec.run","params":{"command":["git","status"],"timeoutMillis":1000}}
                        {"jsonrpc":"2.0","id":11,"method":"dataShare.send","params":{"target":"acme/other","topic":"t","payload":""}}
                        {"jsonrpc":"2.0","id":12,"method":"scheduler.register","params":{"schedule":"@hourly"}}
                        {"jsonrpc":"2.0","id":13,"method":"env.get","params":{"name":"HOME"}}
                        {"jsonrpc":"2.0","id":14,"method":"secrets.secret","params":{"name":"token"}}
                        """,
                        "[1,2]\n",
                        "{\"jsonrpc\":\"2.0\",\"id\":1.5}\n")
                .map(text -> Arguments.of((Object) text.getBytes(StandardCharsets.UTF_8)));
    }
}
