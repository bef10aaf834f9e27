package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.testing.LocalMcpServer;
import dev.warden.manager.testing.TestTools;
import dev.warden.manager.testing.WardenProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code warden serve} reached by the official MCP clients from npm, as {@code scripts/test-tools.sh} installs them: the
 * TypeScript SDK's client over stdio and over Streamable HTTP with the bearer token, and the MCP Inspector's CLI over
 * stdio. Each lists and calls the notes sample's tools, gets the commit-helper skill as a prompt and reads its file as
 * a resource; the TypeScript client also hears {@code notifications/tools/list_changed} when a plugin is disabled and
 * enabled while it is connected, and lists and calls the tools of a plugin whose only part is a remote MCP server.
 */
class OfficialMcpClientsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NOTES_TOOLS = List.of("warden-samples_notes__add", "warden-samples_notes__list",
            "warden-samples_notes__remove", "warden-samples_notes__search");
    private static final String REMOTE_TOKEN = "remote-secret-8a2d5b";
    private static final String SKILL_URI = "warden://warden-samples/commit-helper/skills/conventional-commits/SKILL.md";

    @TempDir
    Path temp;

    GatewayFixture fixture;
    Path node;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GatewayFixture(temp);
        node = TestTools.nodeOrSkip(getClass());
        fixture.install(fixture.sample("notes"), "notes");
        fixture.install(fixture.sample("commit-helper"), "commit-helper");
    }

    @AfterEach
    void stop() throws Exception {
        Files.deleteIfExists(temp.resolve("typescript-client/node_modules")); // the link, not the tools
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theTypeScriptClientWalksThroughThePluginsOverStdio() throws Exception {
        List<String> command = new ArrayList<>(List.of("stdio"));
        command.addAll(WardenProcess.command("serve", "--workspace", fixture.workspace.toString()));

        Map<String, JsonNode> steps = typeScriptClient(command, Map.of());

        theWalkWentAsItShould(steps);
    }

    @Test
    void theTypeScriptClientWalksThroughThePluginsOverHttpWithTheBearerToken() throws Exception {
        GatewayFixture.HttpGateway gateway = fixture.startHttp(temp.resolve("serve.log"));
        started.add(gateway.process());

        Map<String, JsonNode> steps = typeScriptClient(List.of("http", gateway.url()),
                Map.of("MCP_BEARER_TOKEN", fixture.gatewayToken()));

        assertThat(steps).as("server said: %s", gateway.said()).containsKey("close");
        theWalkWentAsItShould(steps);
    }

    @Test
    void theTypeScriptClientListsAndCallsTheToolsOfAPluginWhoseOnlyPartIsARemoteServer() throws Exception {
        List<String> remoteRequests = new CopyOnWriteArrayList<>();
        try (LocalMcpServer remote = LocalMcpServer.withLookupTool(remoteRequests)) {
            fixture.install(LocalMcpServer.plugin("warden-samples", "remote", remote.url(), false)
                    .writeTo(temp.resolve("remote")), "remote");
            CliRunner.Result stored = fixture.warden.piping(REMOTE_TOKEN)
                    .run("secret", "set", "warden-samples_remote__" + LocalMcpServer.TOKEN_REFERENCE);
            assertThat(stored.exitCode()).as(stored.all()).isZero();
            List<String> command = new ArrayList<>(List.of("stdio"));
            command.addAll(WardenProcess.command("serve", "--workspace", fixture.workspace.toString()));

            Map<String, JsonNode> steps = typeScriptClient(List.of(step("tools/list", Map.of()),
                    step("tools/call", Map.of("name", "warden-samples_remote__lookup", "arguments", Map.of("query", "passport")))),
                    List.of(), command, Map.of());

            steps.forEach((step, line) -> assertThat(line.has("error")).as("step %s: %s", step, line).isFalse());
            assertThat(names(steps.get("tools/list#1").path("result").path("tools"))).contains("warden-samples_remote__lookup")
                    .containsAll(NOTES_TOOLS);
            JsonNode found = steps.get("tools/call#1").path("result");
            assertThat(found.path("isError").asBoolean(false)).as(found.toString()).isFalse();
            assertThat(text(found)).isEqualTo("found: passport");
            assertThat(remoteRequests).isNotEmpty().allMatch(r -> r.startsWith(remote.port() + " ")
                    && r.endsWith(" Bearer " + REMOTE_TOKEN));
            assertThat(steps.toString()).doesNotContain(REMOTE_TOKEN);
            // written just after the answer went back, or as Warden stops
            assertThat(eventually(() -> fixture.toolCalls("warden-samples/remote") == 1)).as("one tool.call entry").isTrue();
        }
    }

    @Test
    void theInspectorCliListsTheToolsAndCallsOneOverStdio() throws Exception {
        Path inspector = TestTools.orSkip(getClass(), GatewayFixture.repositoryRoot(), "node_modules/.bin/mcp-inspector",
                "the MCP Inspector");

        JsonNode listed = inspector(inspector, "--method", "tools/list");
        JsonNode added = inspector(inspector, "--method", "tools/call", "--tool-name", "warden-samples_notes__add",
                "--tool-arg", "text=renew the passport");
        JsonNode found = inspector(inspector, "--method", "tools/call", "--tool-name", "warden-samples_notes__search",
                "--tool-arg", "query=passport");

        assertThat(names(listed.path("tools"))).containsExactlyInAnyOrderElementsOf(NOTES_TOOLS);
        assertThat(added.path("isError").asBoolean(false)).as(added.toString()).isFalse();
        assertThat(text(found)).contains("renew the passport");
        assertThat(fixture.toolCalls("warden-samples/notes")).isEqualTo(2);
    }

    /** What the plan of {@link #typeScriptClient} must have shown, step by step. */
    private void theWalkWentAsItShould(Map<String, JsonNode> steps) throws IOException {
        steps.forEach((step, line) -> assertThat(line.has("error")).as("step %s: %s", step, line).isFalse());
        JsonNode initialized = steps.get("initialize").path("result");
        assertThat(initialized.path("serverInfo").path("name").asString()).isEqualTo("warden");
        assertThat(initialized.path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
        assertThat(initialized.path("protocolVersion").asString()).as("the revision the client asked for is answered")
                .isEqualTo(initialized.path("requestedProtocolVersion").asString());

        assertThat(names(steps.get("tools/list#1").path("result").path("tools"))).containsExactlyInAnyOrderElementsOf(NOTES_TOOLS);
        JsonNode added = steps.get("tools/call#1").path("result");
        assertThat(added.path("isError").asBoolean(false)).as(added.toString()).isFalse();
        assertThat(text(steps.get("tools/call#2").path("result"))).contains("renew the passport");

        assertThat(names(steps.get("prompts/list#1").path("result").path("prompts"))).containsExactlyInAnyOrder(
                "warden-samples_commit-helper__conventional-commits", "warden-samples_commit-helper__commit-reviewer",
                "warden-samples_notes__keeping-notes");
        String skill = Files.readString(fixture.sample("commit-helper").resolve("skills/conventional-commits/SKILL.md"));
        JsonNode prompt = steps.get("prompts/get#1").path("result").path("messages").get(0).path("content");
        assertThat(prompt.path("text").asString()).contains(skill.substring(skill.indexOf("\n#")).strip());
        assertThat(steps.get("resources/list#1").path("result").path("resources").findValuesAsString("uri")).contains(SKILL_URI);
        JsonNode read = steps.get("resources/read#1").path("result").path("contents").get(0);
        assertThat(read.path("uri").asString()).isEqualTo(SKILL_URI);
        assertThat(read.path("text").asString()).isEqualTo(skill);

        assertThat(steps).containsKeys("notifications/tools/list_changed#1", "notifications/tools/list_changed#2");
        assertThat(names(steps.get("tools/list#2").path("result").path("tools"))).as("after disable").isEmpty();
        assertThat(names(steps.get("tools/list#3").path("result").path("tools"))).as("after enable")
                .containsExactlyInAnyOrderElementsOf(NOTES_TOOLS);
        assertThat(fixture.toolCalls("warden-samples/notes")).isEqualTo(2);
    }

    /** The plan {@link #theWalkWentAsItShould} checks: the samples walked through, notes disabled and enabled again. */
    private static List<Map<String, Object>> walk() {
        return List.of(
                step("tools/list", Map.of()),
                step("tools/call", Map.of("name", "warden-samples_notes__add", "arguments", Map.of("text", "renew the passport"))),
                step("tools/call", Map.of("name", "warden-samples_notes__search", "arguments", Map.of("query", "passport"))),
                step("prompts/list", Map.of()),
                step("prompts/get", Map.of("name", "warden-samples_commit-helper__conventional-commits", "arguments", Map.of())),
                step("resources/list", Map.of()),
                step("resources/read", Map.of("uri", SKILL_URI)),
                step("notifications/tools/list_changed", Map.of()),
                step("tools/list", Map.of()),
                step("notifications/tools/list_changed", Map.of()),
                step("tools/list", Map.of()));
    }

    /** The plan of {@link #walk()} over {@code connection}: notes disabled, then enabled, as the client waits. */
    private Map<String, JsonNode> typeScriptClient(List<String> connection, Map<String, String> env) throws Exception {
        return typeScriptClient(walk(), List.of(new String[] {"disable", "warden-samples/notes"},
                new String[] {"enable", "warden-samples/notes"}), connection, env);
    }

    /**
     * Runs {@code typescript-mcp-client.mjs} with {@code plan}, running the next of {@code changes} (a warden command)
     * each time it waits for a tool list change.
     *
     * @return each line it printed by step, numbered {@code method#n} when a method is in the plan more than once
     *         ({@code initialize} and {@code close} are not numbered)
     */
    private Map<String, JsonNode> typeScriptClient(List<Map<String, Object>> plan, List<String[]> changes,
                                                   List<String> connection, Map<String, String> env) throws Exception {
        Deque<String[]> pending = new ArrayDeque<>(changes);
        List<String> command = new ArrayList<>(List.of(node.toString(), clientScript().toString(), JSON.writeValueAsString(plan)));
        command.addAll(connection);
        Path errors = temp.resolve("typescript-client.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(fixture.warden.environment());
        builder.environment().putAll(env);
        Process client = builder.start();
        started.add(client);
        client.getOutputStream().close();

        Map<String, JsonNode> steps = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode printed = JSON.readTree(line);
                String step = printed.path("step").asString();
                if (step.equals("waiting")) {
                    String[] change = pending.pop();
                    CliRunner.Result changed = fixture.warden.run(change);
                    assertThat(changed.exitCode()).as(changed.all()).isZero();
                    continue;
                }
                int n = seen.merge(step, 1, Integer::sum);
                steps.put(step.equals("initialize") || step.equals("close") ? step : step + "#" + n, printed);
            }
        }
        assertThat(client.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).as("the client's steps: %s\nit said: %s", steps, Files.readString(errors)).isZero();
        assertThat(steps).as("it said: %s", Files.readString(errors)).containsKey("close");
        return steps;
    }

    private static Map<String, Object> step(String method, Map<String, Object> params) {
        return Map.of("method", method, "params", params);
    }

    /**
     * The client script copied into the temporary folder beside a link to {@code .tools/node_modules}, where node finds
     * the SDK the way it finds a project's dependencies.
     */
    private Path clientScript() throws IOException, URISyntaxException {
        TestTools.orSkip(getClass(), GatewayFixture.repositoryRoot(), "node_modules/@modelcontextprotocol/sdk/package.json",
                "the MCP TypeScript SDK");
        Path folder = Files.createDirectories(temp.resolve("typescript-client"));
        Files.createSymbolicLink(folder.resolve("node_modules"), GatewayFixture.repositoryRoot().resolve(".tools/node_modules"));
        Path script = folder.resolve("typescript-mcp-client.mjs");
        try (InputStream source = getClass().getResourceAsStream("typescript-mcp-client.mjs")) {
            Files.copy(source, script);
        }
        return script;
    }

    /** Runs the Inspector's CLI against {@code warden serve} over stdio and reads the JSON it prints. */
    private JsonNode inspector(Path inspector, String... request) throws Exception {
        List<String> command = new ArrayList<>(List.of(inspector.toString(), "--cli"));
        fixture.warden.environment().forEach((name, value) -> command.addAll(List.of("-e", name + "=" + value)));
        command.addAll(WardenProcess.command("serve", "--workspace", fixture.workspace.toString()));
        command.addAll(List.of(request));
        Path errors = temp.resolve("inspector.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("HOME", fixture.warden.environment().get("HOME")); // its catalog file goes there
        Process cli = builder.start();
        started.add(cli);
        cli.getOutputStream().close();
        byte[] output = cli.getInputStream().readAllBytes();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = new String(output, StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as("mcp-inspector %s printed %s and said %s", List.of(request), printed,
                Files.readString(errors)).isZero();
        return JSON.readTree(printed);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asString()));
        return names;
    }

    private static String text(JsonNode toolResult) {
        return toolResult.path("content").get(0).path("text").asString();
    }
}
