package dev.warden.manager.cli;

import static dev.warden.manager.cli.GatewayFixture.eventually;
import static dev.warden.manager.cli.GatewayFixture.names;
import static dev.warden.manager.cli.GatewayFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.manager.sandbox.IsolationSupport;
import dev.warden.manager.testing.ClaudeCodeCli;
import dev.warden.registry.git.GitMarketplaceWriter;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code warden dev new --claude} makes installs in both places it is meant for: Claude Code (the real CLI from
 * npm) installs it from a local git marketplace written by {@link GitMarketplaceWriter} with every file byte for byte,
 * and so does a release signed with {@code warden release --git-marketplace}, whose copy in Claude Code still verifies; and Warden installs it from the same marketplace and serves its Node.js tool
 * through {@code warden serve}, in the plugin's sandbox where bwrap works.
 */
class ClaudeScaffoldInstallsTest extends HomeFixture {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final GitMarketplaceWriter.NewMarketplace MARKETPLACE =
            new GitMarketplaceWriter.NewMarketplace("acme-plugins", "Acme");

    McpSyncClient client;

    @AfterEach
    void closeTheClient() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    @Test
    void theScaffoldHasTheClaudeLayoutAndPrintsTheWardenStepsWithThePublisher() throws Exception {
        Path plugin = temp.resolve("hello");

        CliRunner.Result created = ok("dev", "new", "--claude", "acme/hello", "--dir", plugin.toString());

        assertThat(files(plugin).keySet()).containsExactly(".claude-plugin/plugin.json", ".mcp.json", "README.md",
                "server/index.mjs", "skills/greeting/SKILL.md");
        JsonNode manifest = JsonMapper.builder().build().readTree(plugin.resolve(".claude-plugin/plugin.json").toFile());
        assertThat(manifest.get("name").asString()).isEqualTo("hello");
        assertThat(manifest.get("version").asString()).isEqualTo("0.1.0");
        assertThat(manifest.get("author").get("name").asString()).isEqualTo("acme");
        assertThat(manifest.has("publisher")).as("Claude's manifest gets no Warden field").isFalse();
        assertThat(files(plugin).values()).noneMatch(content -> content.contains("{{"));
        assertThat(created.out())
                .contains("  warden dev call " + plugin + " greet --input '{\"name\":\"Ada\"}' --publisher acme")
                .contains("  warden dev serve " + plugin + " --watch --publisher acme")
                .contains("claude plugin install hello@<marketplace>");
    }

    @ParameterizedTest(name = "with a Warden signature file: {0}")
    @ValueSource(booleans = {false, true})
    void claudeCodeInstallsTheScaffoldFromAGitMarketplaceWithEveryFileAsItIs(boolean withWardenSignature)
            throws Exception {
        ClaudeCodeCli claude = ClaudeCodeCli.orSkip(getClass(), REPOSITORY, temp.resolve("claude-home"));
        Path plugin = scaffold();
        Path market = temp.resolve("acme-plugins");
        Path keys = temp.resolve("keys");
        if (withWardenSignature) {
            // the publisher's release: signed in place, then committed to the git marketplace
            ok("keys", "generate", "--publisher", "acme", "--out", keys.toString());
            ok("release", plugin.toString(), "--key", keys.resolve("acme.key").toString(), "--git-marketplace", market.toString());
        } else {
            GitMarketplaceWriter.publish(market, plugin, MARKETPLACE);
        }

        ClaudeCodeCli.Result validated = claude.run("plugin", "validate", plugin.toString());
        ClaudeCodeCli.Result added = claude.run("plugin", "marketplace", "add", market.toString());
        ClaudeCodeCli.Result installed = claude.run("plugin", "install", "hello@acme-plugins");

        assertThat(validated.exitCode()).as(validated.output()).isZero();
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("Successfully installed plugin: hello@acme-plugins");
        Path copy = claude.installPath("hello@acme-plugins");
        assertThat(files(copy)).isEqualTo(files(plugin));
        assertThat(files(copy).containsKey(".claude-plugin/warden-signature.json")).isEqualTo(withWardenSignature);
        if (withWardenSignature) {
            ok("trust", "add", keys.resolve("acme.pub.json").toString(), "--yes");
            assertThat(ok("verify", copy.toString()).out()).as("Claude Code's copy still verifies")
                    .contains("Verified acme/hello 0.1.0");
        }
    }

    @Test
    void wardenInstallsTheScaffoldFromTheSameMarketplaceAndServesItsNodeTool() throws Exception {
        Path node = nodeOrSkip();
        Path plugin = scaffold();
        GitMarketplaceWriter.publish(temp.resolve("market"), plugin, MARKETPLACE);
        ok("marketplace", "add", "acme", temp.resolve("market").toString(), "--yes");

        CliRunner.Result installed = ok("install", "unverified-acme/hello", "--allow-unverified", "--yes");

        assertThat(installed.out()).contains("UNVERIFIED").contains("greeting")
                .contains("mcp.server stdio:node ${CLAUDE_PLUGIN_ROOT}/server/index.mjs")
                .contains("process.exec " + node)
                .contains("Installed unverified-acme/hello 0.1.0.");
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        client = GatewayFixture.stdioClient(warden.environment(), temp, serverErrors).build();
        client.initialize();
        assertThat(eventually(() -> names(client.listTools().tools()).stream().anyMatch(n -> n.endsWith("__greet"))))
                .as("server said: %s", serverErrors).isTrue();
        String greet = names(client.listTools().tools()).stream().filter(n -> n.endsWith("__greet")).findFirst().orElseThrow();

        McpSchema.CallToolResult answer = client.callTool(new McpSchema.CallToolRequest(greet, Map.of("name", "Ada")));

        assertThat(answer.isError()).as(answer.toString()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(answer)).isEqualTo("Hello, Ada!");
        JsonNode start = JsonMapper.builder().build().readTree(warden.run("audit", "--plugin", "unverified-acme/hello",
                "--json").out()).valueStream().filter(e -> e.get("event").asString().equals("mcp.server.start"))
                .findFirst().orElseThrow().get("details");
        String sandboxed = IsolationSupport.here().bwrap().isPresent() ? "process" : "none";
        assertThat(start.get("isolation").asString()).as(start.toString()).isEqualTo(sandboxed);
    }

    private Path scaffold() {
        Path plugin = temp.resolve("hello");
        ok("dev", "new", "--claude", "acme/hello", "--dir", plugin.toString());
        return plugin;
    }

    /** node on PATH, as the scaffold's .mcp.json runs it; skips without it, unless CI is set. */
    private static Path nodeOrSkip() {
        Optional<Path> node = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "node")).filter(Files::isExecutable).findFirst();
        if (node.isEmpty()) {
            if (System.getenv("CI") != null) {
                Assertions.fail("node is not on PATH; the --claude scaffold's MCP server needs it (CI is set, so this"
                        + " test does not skip)");
            }
            Assumptions.abort("node is not on PATH; the --claude scaffold's MCP server needs it");
        }
        return node.get();
    }

    /** Every file below {@code dir}, by relative path, with its bytes as ISO-8859-1 text so any difference shows. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }
}
