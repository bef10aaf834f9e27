package dev.warden.manager.cli;

import dev.warden.io.WardenException;
import dev.warden.manager.devtools.PluginProject;
import dev.warden.manager.devtools.ProjectWatcher;
import dev.warden.manager.gateway.Gateway;
import dev.warden.manager.gateway.StdioGateway;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Build the plugin in DIR, install it in the development home, and serve that home over MCP (stdio).",
            "",
            "The same steps as 'warden dev call', then the development home is served exactly as 'warden serve'",
            "serves yours: standard output is the MCP channel, every message of Warden's goes to standard error.",
            "With --watch, DIR is watched (not target/, .git/, node_modules/ or editors' temporary files): each",
            "change builds, installs and reloads the plugin, and connected clients are told the tools changed",
            "(notifications/tools/list_changed). A build or lint that fails is told on standard error and the",
            "last good version goes on being served."
        },
        footer = {"", "Example, in an MCP client's configuration (Claude Code .mcp.json, Claude Desktop):",
            "  { \"mcpServers\": { \"hello-dev\": { \"command\": \"warden\", \"args\": [\"dev\", \"serve\", \"/path/to/hello\", \"--watch\"] } } }"})
final class DevServeCommand extends DevLoopCommand {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The project folder (default: the current one).")
    Path dir = Path.of(".");

    @Option(names = "--watch", description = "Rebuild and reload on each change in DIR.")
    boolean watch;

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder $${workspace} stands for (default: the current folder).")
    Path workspace;

    private volatile boolean built;

    @Override
    int execute() throws Exception {
        PluginProject project = PluginProject.at(dir);
        Path folder = workspace(workspace);
        openDevelopmentHome();
        progress("warden dev: an MCP client (Claude Code .mcp.json, Claude Desktop) runs this with:");
        JsonOut.print(err(), clientConfig(project.dir()));
        try {
            runLoop(project, offline);
            built = true;
        } catch (WardenException e) {
            if (!watch) {
                throw e;
            }
            progress("warden dev: " + e.getMessage());
            progress("warden dev: serving what the development home has; fix it and save to build again");
        }
        Lifecycle served = Lifecycle.open(dev.home(), context().env(), context().clock(), Consent.none());
        IsolationDecision placed = isolation(served.policy(), IsolationRequest.AUTO);
        Consumer<String> report = this::progress;
        report.accept("warden dev: " + ServeCommand.whereCodeRuns(placed));
        // the catalog is looked at four times a second, so a rebuilt plugin reaches the client without a wait
        Gateway.Settings standard = Gateway.Settings.standard().with(placed);
        Gateway.Settings settings = new Gateway.Settings(Duration.ofMillis(250), standard.tick(), standard.limits(), placed);
        try (CapabilityBroker broker = context().brokers().create(served.store(), CapabilityBroker.Surroundings.of(folder,
                context().env(), path -> false, notice -> err().println(notice)));
             ProjectWatcher watcher = watch ? ProjectWatcher.start(project.dir(), ProjectWatcher.SETTLE, () -> rebuild(project), report)
                     : null) {
            if (watch) {
                report.accept("warden dev: watching " + project.dir() + " for changes");
            }
            StdioGateway.serve(served, broker, settings, report, System.in, System.out);
        }
        return ExitCode.OK;
    }

    /** One rebuild after a change; a failure is told and the last good version stays served. */
    private void rebuild(PluginProject project) {
        progress("warden dev: changed; building again");
        try {
            runLoop(project, offline || built);
            built = true;
        } catch (WardenException e) {
            progress("warden dev: " + e.getMessage());
            progress("warden dev: still serving the last good version");
        } catch (Exception e) {
            progress("warden dev: the rebuild failed: " + e);
        }
    }

    /** The MCP client configuration that starts this command. */
    private Map<String, Object> clientConfig(Path project) {
        List<String> args = new ArrayList<>(List.of("dev", "serve", project.toString()));
        if (watch) {
            args.add("--watch");
        }
        if (publisher != null) {
            args.addAll(List.of("--publisher", publisher));
        }
        String name = project.getFileName() == null ? "plugin" : project.getFileName().toString();
        return Map.of("mcpServers", Map.of(name + "-dev", Map.of("command", QuickstartCommand.launcher(), "args", args)));
    }
}
