package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.gateway.Gateway;
import dev.warden.manager.runtime.LocalHttps;
import dev.warden.manager.testing.Corpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Claude marketplace's {@code github} plugin, as the corpus holds it (a flat {@code .mcp.json} naming
 * {@code https://api.githubcopilot.com/mcp/} with {@code Authorization: Bearer ${GITHUB_PERSONAL_ACCESS_TOKEN}}),
 * installed as a person would and served by {@code warden serve}: its host is answered by a stand-in for GitHub's
 * remote MCP server, reached through the weather sample's seam (the real name, a public address, TLS verified
 * against the name, only the last connection routed to 127.0.0.1). Skipped where the corpus is absent.
 */
class OfficialGithubPluginTest extends HomeFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Shaped like a GitHub personal access token, so that a leak would be found however it is written. */
    private static final String TOKEN = "ghp_wardenTest0123456789abcdefABCDEF0123";
    private static final String HOST = "api.githubcopilot.com";
    private static final PluginId GITHUB = PluginId.parse("unverified-official/github");
    /** The line of the review that says which secret the header's reference is taken from. */
    private static final Pattern SECRET_NAMED = Pattern.compile(
            "receives \\$\\{GITHUB_PERSONAL_ACCESS_TOKEN} in header Authorization, from the secret (\\S+) you store");

    @Test
    void theGithubPluginInstallsAndServeListsAndCallsItsToolsWithTheTokenItsReviewNames() throws Exception {
        Path marketplace = Corpus.cloned("claude-plugins-official", temp);
        ok("marketplace", "add", "official", marketplace.toString(), "--yes");
        CliRunner.Result installed = ok("install", "github", "--allow-unverified", "--yes");
        Matcher named = SECRET_NAMED.matcher(installed.out());
        assertThat(named.find()).as(installed.out()).isTrue();
        String secret = named.group(1);
        assertThat(secret).isEqualTo("unverified-official_github__GITHUB_PERSONAL_ACCESS_TOKEN");
        assertThat(installed.out()).contains("mcp.server https://api.githubcopilot.com/mcp/")
                .contains("net.egress https://api.githubcopilot.com");
        assertThat(warden.piping(TOKEN).run("secret", "set", secret).exitCode()).isZero();
        GithubDouble github = new GithubDouble();
        List<JsonNode> answers = new ArrayList<>();
        CliRunner.Result served;

        try (LocalHttps githubcopilot = LocalHttps.serving(temp.resolve("tls"), HOST, github);
             InProcessGateway gateway = InProcessGateway.start(warden.brokers(githubcopilot.brokers()),
                     "--workspace", Files.createDirectories(temp.resolve("workspace")).toString())) {
            answers.add(gateway.initialize());
            List<String> listed = new ArrayList<>();
            boolean offered = eventually(() -> {
                JsonNode list = gateway.request("tools/list", Map.of());
                answers.add(list);
                listed.clear();
                list.path("result").path("tools").forEach(tool -> listed.add(tool.path("name").asString()));
                return listed.contains(Gateway.toolName(GITHUB, "get_me"));
            });
            assertThat(offered).as("tools listed: %s; the double saw %s", listed, github.seen).isTrue();
            assertThat(listed).contains(Gateway.toolName(GITHUB, "get_me"), Gateway.toolName(GITHUB, "search_repositories"),
                    Gateway.toolName(GITHUB, "list_issues"));

            JsonNode call = gateway.request("tools/call", Map.of("name", Gateway.toolName(GITHUB, "search_repositories"),
                    "arguments", Map.of("query", "warden")));
            answers.add(call);
            assertThat(call.path("result").path("isError").asBoolean(false)).as(call.toString()).isFalse();
            assertThat(call.path("result").path("content").get(0).path("text").asString())
                    .isEqualTo("1 repository matches 'warden': octocat/warden");
            served = gateway.end();
        }

        assertThat(served.exitCode()).as(served.all()).isZero();
        assertThat(github.seen).as("every request the stand-in got").isNotEmpty()
                .allMatch(s -> s.endsWith(" /mcp/ Bearer " + TOKEN))
                .anyMatch(s -> s.startsWith("POST tools/call "));
        String audit = ok("audit", "--plugin", GITHUB.toString(), "--json").out();
        assertThat(audit).contains("\"mcp.server.start\"").contains("\"tool.call\"").contains("https://api.githubcopilot.com")
                .doesNotContain(TOKEN);
        assertThat(served.all()).doesNotContain(TOKEN);
        assertThat(answers).noneMatch(answer -> answer.toString().contains(TOKEN));
        assertThat(filesHolding(TOKEN)).containsExactly(home.resolve("secrets/secrets.json"));
    }

    /**
     * A stand-in for GitHub's remote MCP server at {@code https://api.githubcopilot.com/mcp/}: Streamable HTTP as JSON
     * answers to POSTed JSON-RPC, a session opened by {@code initialize}, and the token checked on every request (a
     * request without it gets 401, as there). Three of the real server's tools, with answers of its shape.
     */
    private static final class GithubDouble implements HttpHandler {

        private static final String SESSION = "github-session-7d1f";

        /** Each request: its JSON-RPC method (or the HTTP method where there is none), path and Authorization header. */
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                boolean post = exchange.getRequestMethod().equals("POST");
                JsonNode message = post ? JSON.readTree(body) : JSON.createObjectNode();
                seen.add((post ? "POST " + message.path("method").asString() : exchange.getRequestMethod())
                        + " " + exchange.getRequestURI().getPath() + " " + authorization);
                if (!("Bearer " + TOKEN).equals(authorization)) {
                    answer(exchange, 401, "{\"error\":\"bad credentials\"}");
                } else if (!exchange.getRequestURI().getPath().equals("/mcp/")) {
                    answer(exchange, 404, "{\"error\":\"not found\"}");
                } else if (exchange.getRequestMethod().equals("DELETE")) {
                    exchange.sendResponseHeaders(204, -1);
                } else if (!post) {
                    answer(exchange, 405, "{\"error\":\"method not allowed\"}");
                } else if (!message.has("id")) {
                    exchange.sendResponseHeaders(202, -1);
                } else if (message.path("method").asString().equals("initialize")) {
                    exchange.getResponseHeaders().add("Mcp-Session-Id", SESSION);
                    answer(exchange, 200, result(message, JSON.createObjectNode()
                            .put("protocolVersion", message.path("params").path("protocolVersion").asString())
                            .set("capabilities", JSON.readTree("{\"tools\":{}}"))
                            .set("serverInfo", JSON.readTree("{\"name\":\"github-mcp-server\",\"version\":\"0.9.0\"}"))));
                } else if (!SESSION.equals(exchange.getRequestHeaders().getFirst("Mcp-Session-Id"))) {
                    answer(exchange, 404, "{\"error\":\"no such session\"}");
                } else {
                    answer(exchange, 200, result(message, switch (message.path("method").asString()) {
                        case "tools/list" -> JSON.readTree("{\"tools\":["
                                + tool("get_me", "Get details of the authenticated GitHub user", "{}") + ","
                                + tool("search_repositories", "Search for GitHub repositories",
                                "{\"query\":{\"type\":\"string\",\"description\":\"Search query\"}}") + ","
                                + tool("list_issues", "List issues in a GitHub repository",
                                "{\"owner\":{\"type\":\"string\"},\"repo\":{\"type\":\"string\"}}") + "]}");
                        case "tools/call" -> call(message.path("params"));
                        default -> JSON.readTree("{}");
                    }));
                }
            }
        }

        private static String tool(String name, String description, String properties) {
            return "{\"name\":\"" + name + "\",\"description\":\"" + description
                    + "\",\"inputSchema\":{\"type\":\"object\",\"properties\":" + properties + "}}";
        }

        private static JsonNode call(JsonNode params) {
            String text = switch (params.path("name").asString()) {
                case "get_me" -> "{\"login\":\"octocat\"}";
                case "search_repositories" -> "1 repository matches '" + params.path("arguments").path("query").asString()
                        + "': octocat/warden";
                default -> "no issues";
            };
            return JSON.createObjectNode().set("content", JSON.createArrayNode().add(JSON.createObjectNode()
                    .put("type", "text").put("text", text)));
        }

        private static String result(JsonNode request, JsonNode result) {
            return JSON.writeValueAsString(JSON.createObjectNode().put("jsonrpc", "2.0").set("id", request.path("id"))
                    .set("result", result));
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
