package dev.warden.manager.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.runtime.GrantedHttp;
import dev.warden.manager.runtime.HttpLimits;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.testing.LocalMcpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warden's MCP client transport to a remote server, under the SDK's client, against the SDK's server on 127.0.0.1,
 * through a real {@link GrantedHttp}: each request passes the egress check, and a call is made and answered on the
 * thread that makes it, with no hand-off to another thread and back (bench/gateway-latency.sh).
 */
class RemoteServerTransportOverHttpTest {

    @Test
    void aToolCallIsPostedAndAnsweredOnTheCallersThreadThroughTheEgressCheck() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        /** Each hop GrantedHttp let through: the thread it ran on, and its target. */
        List<String> hops = new CopyOnWriteArrayList<>();
        try (LocalMcpServer server = LocalMcpServer.withLookupTool(seen)) {
            GrantedHttp http = new GrantedHttp(List.of(Permission.of(PermissionKind.NET_EGRESS,
                    "http://127.0.0.1:" + server.port(), "the test server")),
                    (kind, target, allowed, detail) -> hops.add(Thread.currentThread().getName() + " " + target + " " + allowed),
                    name -> Optional.of("s3cret"), Resolver.system(), HttpLimits.defaults());
            List<String> problems = new CopyOnWriteArrayList<>();
            RemoteServerTransport transport = new RemoteServerTransport(http, server.url(),
                    Map.of("Authorization", "Bearer s3cret"), java.util.Set.of("s3cret"), new JacksonMcpJsonMapper(JsonMapper.builder().build()),
                    Duration.ofSeconds(30), problems::add, Optional.empty());
            McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
            try {
                client.initialize();
                hops.clear();

                McpSchema.CallToolResult answer = client.callTool(new McpSchema.CallToolRequest("lookup",
                        Map.of("query", "passport")));

                assertThat(((McpSchema.TextContent) answer.content().get(0)).text()).isEqualTo("found: passport");
                assertThat(hops).containsExactly(Thread.currentThread().getName() + " " + server.url() + " true");
                assertThat(seen).isNotEmpty().allMatch(s -> s.endsWith(" POST Bearer s3cret"));
                assertThat(problems).isEmpty();
            } finally {
                client.close();
            }
        }
    }
}
