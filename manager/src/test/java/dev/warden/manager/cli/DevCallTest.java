package dev.warden.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.manager.testing.HomeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code warden dev call} on a project {@code warden dev new} scaffolded: one command builds, lints, packs, signs with a
 * development key, publishes to the development marketplace, installs into the development home and calls the tool.
 * Maven runs offline against this machine's local repository, where the plugin API must be installed.
 */
class DevCallTest extends HomeFixture {

    @Test
    void callsTheScaffoldedToolAndASecondCallAfterAnEditInstallsTheNextDevelopmentVersion() throws Exception {
        Path project = scaffold("acme/hello");
        Map<String, String> before = HomeSnapshot.of(home);

        CliRunner.Result first = warden.run("dev", "call", project.toString(), "greet", "--input", "{\"name\":\"Ada\"}", "--offline");

        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.out()).startsWith("Hello, Ada! Greetings from acme/hello.");
        assertThat(first.err()).contains("built in ").contains("signed with development key acme (dev) ")
                .contains("installed acme/hello 0.1.0-dev.1");

        Path manifest = project.resolve("src/main/plugin/plugin.json");
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("Greets a person by name", "Greets a person by their name"));
        CliRunner.Result second = warden.run("dev", "call", project.toString(), "greet", "--input", "{\"name\":\"Bo\"}", "--offline");

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).startsWith("Hello, Bo!");
        assertThat(second.err()).contains("updated acme/hello 0.1.0-dev.1 -> 0.1.0-dev.2");
        assertThat(Files.readString(manifest)).as("the author's files keep their version").contains("\"version\": \"0.1.0\"");
        CliRunner.Result unknown = warden.run("dev", "call", project.toString(), "wave", "--offline");
        assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("acme/hello offers no tool 'wave'; it offers: greet");

        Map<String, String> after = new TreeMap<>(HomeSnapshot.of(home));
        after.keySet().removeIf(path -> path.equals("dev") || path.startsWith("dev/"));
        assertThat(after).as("the person's home changes only under dev/").isEqualTo(before);
    }

    @Test
    void aLintErrorNamesTheSourceFileAndItsJsonPathAndStopsTheLoop() throws Exception {
        Path project = scaffold("acme/lint-me");
        Path manifest = project.resolve("src/main/plugin/plugin.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"description\": \"Greets a person by name\"",
                "\"description\": \"\""));

        CliRunner.Result result = warden.run("dev", "call", project.toString(), "greet", "--offline");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).contains("src/main/plugin/plugin.json:$.connectors[0].description")
                .doesNotContain("target/plugin/plugin.json").doesNotContain(".wpk");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aFailedBuildShowsMavensLastLinesAndInstallsNothing() throws Exception {
        Path project = scaffold("acme/broken");
        Path connector = project.resolve("src/main/java/acme/broken/GreetConnector.java");
        Files.writeString(connector, Files.readString(connector).replace("return Set.of(\"greet\");", "return Set.of(\"greet\")"));

        CliRunner.Result result = warden.run("dev", "call", project.toString(), "greet", "--offline");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).contains("the build failed").contains("GreetConnector.java");
        assertThat(result.out()).isEmpty();
        assertThat(home.resolve("dev/home/plugins")).doesNotExist();
    }

    @Test
    void aCapabilityUseWardenDeniesEndsTheCallWithExitThree() throws Exception {
        Path project = scaffold("acme/nosy");
        Path connector = project.resolve("src/main/java/acme/nosy/GreetConnector.java");
        Files.writeString(connector, Files.readString(connector).replace("        Optional<Json> name = call.input().get(\"name\");",
                """
                        try {
                            context.files().read("${workspace}/diary.txt"); // no fs.read is declared
                        } catch (dev.warden.api.capability.CapabilityException e) {
                            throw new ToolException(e.getMessage());
                        }
                        Optional<Json> name = call.input().get("name");"""));
        Files.writeString(connector, Files.readString(connector).replace("import dev.warden.api.ToolResult;",
                "import dev.warden.api.ToolException;\nimport dev.warden.api.ToolResult;")
                .replace("public ToolResult call(ToolCall call, PluginContext context) {",
                        "public ToolResult call(ToolCall call, PluginContext context) throws ToolException {"));

        CliRunner.Result result = warden.run("dev", "call", project.toString(), "greet", "--input", "{\"name\":\"Ada\"}",
                "--offline", "--workspace", temp.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.REFUSED);
        assertThat(result.err()).contains("Warden denied acme/nosy fs.read");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void callsAToolOfTheMcpServerAClaudePluginFolderDeclares() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "needs /usr/bin/python3");
        Path plugin = temp.resolve("shouter");
        Files.createDirectories(plugin.resolve(".claude-plugin"));
        Files.writeString(plugin.resolve(".claude-plugin/plugin.json"),
                "{\"name\": \"shouter\", \"version\": \"1.2.0\", \"description\": \"Repeats text louder\"}\n");
        Files.writeString(plugin.resolve(".mcp.json"), "{\"mcpServers\": {\"shout\": {\"command\": \"" + python
                + "\", \"args\": [\"${CLAUDE_PLUGIN_ROOT}/server.py\"]}}}\n");
        Files.writeString(plugin.resolve("server.py"), SHOUT_SERVER);

        CliRunner.Result noPublisher = warden.run("dev", "call", plugin.toString(), "shout", "--input", "{\"text\":\"hi\"}");
        CliRunner.Result called = warden.run("dev", "call", plugin.toString(), "shout", "--publisher", "acme",
                "--input", "{\"text\":\"hi\"}");

        assertThat(noPublisher.exitCode()).as(noPublisher.all()).isEqualTo(ExitCode.USAGE);
        assertThat(noPublisher.err()).contains("--publisher");
        assertThat(called.exitCode()).as(called.all()).isZero();
        assertThat(called.out().strip()).isEqualTo("HI!");
        assertThat(called.err()).contains("installed acme/shouter 1.2.0-dev.1");
        assertThat(plugin.resolve(".claude-plugin/plugin.json")).content().contains("\"1.2.0\"");

        // the author changes their server's tool: the next build's tool is not held for review as a stranger's would be
        Files.writeString(plugin.resolve("server.py"), SHOUT_SERVER.replace("Repeats text in capitals", "Shouts the text back"));
        CliRunner.Result again = warden.run("dev", "call", plugin.toString(), "shout", "--input", "{\"text\":\"yo\"}");
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out().strip()).isEqualTo("YO!");
        assertThat(again.err()).contains("updated acme/shouter 1.2.0-dev.1 -> 1.2.0-dev.2");
    }

    /** A stdio MCP server with one tool, shout, that answers its text in capitals. */
    private static final String SHOUT_SERVER = """
            import json, sys
            for line in sys.stdin:
                if not line.strip():
                    continue
                message = json.loads(line)
                method, ident = message.get("method"), message.get("id")
                if ident is None:
                    continue
                if method == "initialize":
                    result = {"protocolVersion": message["params"].get("protocolVersion", "2024-11-05"),
                              "capabilities": {"tools": {}}, "serverInfo": {"name": "shout", "version": "1.0.0"}}
                elif method == "tools/list":
                    result = {"tools": [{"name": "shout", "description": "Repeats text in capitals",
                              "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}]}
                elif method == "tools/call":
                    result = {"content": [{"type": "text", "text": message["params"]["arguments"]["text"].upper() + "!"}]}
                else:
                    print(json.dumps({"jsonrpc": "2.0", "id": ident, "error": {"code": -32601, "message": method}}), flush=True)
                    continue
                print(json.dumps({"jsonrpc": "2.0", "id": ident, "result": result}), flush=True)
            """;

    private Path scaffold(String id) {
        assumeTrue(DevNewTest.onPath("mvn"), "Maven is not on PATH");
        Path project = temp.resolve(id.substring(id.indexOf('/') + 1));
        ok("dev", "new", id, "--dir", project.toString());
        return project;
    }
}
