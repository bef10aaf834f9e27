package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.devtools.DevelopmentLoop;
import dev.warden.manager.devtools.PluginProject;
import dev.warden.manager.gateway.Gateway;
import dev.warden.manager.gateway.ServerDeclarationReader;
import dev.warden.manager.gateway.StdioGateway;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "call", mixinStandardHelpOptions = true,
        description = {
            "Build the plugin in DIR, install it in the development home, and call one of its tools.",
            "",
            "A Maven project (pom.xml, as 'warden dev new' makes) is built with ./mvnw or mvn package; a Claude",
            "Code plugin folder (.claude-plugin/plugin.json) needs no build. Then: lint (findings name your",
            "source files), pack, sign with your development key (made once, in $WARDEN_HOME/dev/keys), publish",
            "to the development marketplace as X.Y.Z-dev.N, and install or update it in the development home",
            "($WARDEN_HOME/dev/home, which trusts development keys only and is not your own), its review shown",
            "and accepted. The tool is called as an MCP client's call would be, through the gateway: a tool of",
            "the plugin's MCP servers (.mcp.json) too. Steps are told on standard error; the result on standard",
            "output."
        },
        footer = {"", "Examples:",
            "  warden dev call greet --input '{\"name\":\"Ada\"}'",
            "  warden dev call ./my-claude-plugin search --publisher acme --input '{\"q\":\"x\"}'",
            "",
            "Exit codes: 0 the tool answered, 1 the build, the lint or the tool failed, 2 bad arguments or no such",
            "tool, 3 Warden denied a capability use the tool needed."})
final class DevCallCommand extends DevLoopCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Parameters(arity = "1..2", paramLabel = "[DIR] TOOL", description = "The project folder (default: the current one) and the tool.")
    List<String> positional;

    @Option(names = "--input", paramLabel = "JSON", description = "The tool's input, a JSON object (default: {}).")
    String input = "{}";

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder $${workspace} stands for (default: the current folder).")
    Path workspace;

    @Override
    int execute() throws Exception {
        Path dir = Path.of(positional.size() == 2 ? positional.get(0) : ".");
        String tool = positional.get(positional.size() - 1);
        Map<String, Object> arguments = arguments(input);
        Path folder = workspace(workspace);
        PluginProject project = PluginProject.at(dir); // before the development home is made: a wrong folder changes nothing
        openDevelopmentHome();
        DevelopmentLoop.Result built = runLoop(project, offline);

        IsolationDecision placed = isolation(devLifecycle.policy(), IsolationRequest.AUTO);
        placed.require();
        Gateway.Settings settings = Gateway.Settings.standard().with(placed);
        try (CapabilityBroker broker = context().brokers().create(devLifecycle.store(), CapabilityBroker.Surroundings.of(folder,
                context().env(), path -> false, notice -> err().println(notice)));
             Gateway gateway = StdioGateway.withoutClient(devLifecycle, broker, settings, this::progress)) {
            Gateway.Answer answer = call(gateway, built.id(), tool, arguments, settings.limits().start());
            McpSchema.CallToolResult result = answer.result();
            String text = UnsafeCharacters.escapeMultiline(text(result));
            if (Boolean.TRUE.equals(result.isError())) {
                err().println("error: " + text);
                return answer.denied() ? ExitCode.REFUSED : ExitCode.ERROR;
            }
            out().println(text);
            return ExitCode.OK;
        }
    }

    /** Calls the tool, waiting for the plugin's MCP servers to start when it has some and the tool is not its own. */
    private Gateway.Answer call(Gateway gateway, PluginId id, String tool, Map<String, Object> arguments, Duration start)
            throws Exception {
        String name = Gateway.toolName(id, tool);
        Optional<Gateway.Answer> answer = gateway.call(name, arguments);
        var installed = devLifecycle.store().read().plugin(id).orElseThrow();
        boolean hasServers = !ServerDeclarationReader.read(devLifecycle.installedManifest(installed),
                devLifecycle.store().pluginDir(id, installed.version())).servers().isEmpty();
        long deadline = System.nanoTime() + start.plusSeconds(5).toNanos();
        while (answer.isEmpty() && hasServers && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = gateway.call(name, arguments);
        }
        if (answer.isPresent()) {
            return answer.get();
        }
        String prefix = Gateway.toolName(id, "");
        List<String> offered = gateway.toolNames().stream().filter(n -> n.startsWith(prefix))
                .map(n -> n.substring(prefix.length())).sorted().toList();
        throw CommandException.usage(id + " offers no tool '" + UnsafeCharacters.escape(tool) + "'" + (offered.isEmpty()
                ? " (it offers no tools)" : "; it offers: " + String.join(", ", offered)));
    }

    private static Map<String, Object> arguments(String input) throws CommandException {
        JsonNode json;
        try {
            json = StrictJson.standard().read(input);
        } catch (StrictJsonException e) {
            throw CommandException.usage("--input is not JSON: " + e.problem().describe());
        }
        if (!json.isObject()) {
            throw CommandException.usage("--input must be a JSON object, e.g. '{\"name\":\"Ada\"}'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(json, Map.class);
        return map;
    }

    private static String text(McpSchema.CallToolResult result) {
        if (result.content() == null) {
            return "";
        }
        return result.content().stream().map(c -> c instanceof McpSchema.TextContent t ? t.text() : "[" + c.type() + " content]")
                .collect(Collectors.joining("\n"));
    }
}
