package dev.warden.manager.cli;

import dev.warden.manager.gateway.Gateway;
import dev.warden.manager.gateway.GatewayTokenStore;
import dev.warden.manager.gateway.HttpGateway;
import dev.warden.manager.gateway.StdioGateway;
import dev.warden.manager.lifecycle.Consent;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve every enabled plugin through one MCP server.",
            "",
            "An MCP client (Claude Desktop, Claude Code, an IDE) starts 'warden serve' and talks to it over",
            "standard input and output. With --http PORT, Warden serves MCP's Streamable HTTP at",
            "http://127.0.0.1:PORT/mcp instead, for clients that connect to a server already running; it",
            "listens on 127.0.0.1 only and runs until Ctrl-C.",
            "",
            "Tools are the plugins' declared connectors, named <publisher>_<name>__<tool>; prompts are their",
            "skills and sub-agents; resources are their skill files. Each tool call runs inside its own",
            "plugin's grants and is written to the audit log. Installing, enabling, disabling or removing a",
            "plugin while serving updates the lists. Scheduled jobs of plugins run only while 'warden serve' runs.",
            "",
            "The stdio MCP servers a plugin declares (.mcp.json, mcpServers) start with it if you granted their",
            "mcp.server and the process.exec it implies: no shell, the plugin's data folder as working folder",
            "and HOME, none of your environment. A value $${user_config.NAME} is the plugin's option NAME",
            "('warden config set'); a sensitive or undeclared one is the secret <publisher>_<name>__NAME",
            "('warden secret set'). Their tools appear under the plugin's name; one",
            "that changes, or appears, after you approved the plugin is held until 'warden review ID'.",
            "",
            "Over HTTP every request must carry 'Authorization: Bearer <token>'. The token (32 random bytes) is",
            "made the first time into $WARDEN_HOME/gateway-token, readable by you only, and kept from one start",
            "to the next so client configs keep working; --new-token replaces it. Warden does not print it",
            "unless --show-token asks. Requests without the right token are refused (401); so are requests from",
            "another machine, with a Host other than 127.0.0.1:PORT or localhost:PORT (DNS rebinding), or from",
            "a web page that is not on this machine (403). None of these reaches a plugin.",
            "",
            "Deleting a file needs the person's answer, which cannot be asked here: deletions are declined."
        },
        footer = {"", "Examples:",
            "  warden serve                               stdio, for a client that starts Warden",
            "  warden serve --http 8765 --show-token      HTTP on 127.0.0.1:8765; prints the token once",
            "  warden serve --http 8765 --new-token       HTTP with a new token; the old one stops working",
            "",
            "Claude Desktop (claude_desktop_config.json) or Claude Code (.mcp.json), over stdio:",
            "  { \"mcpServers\": { \"warden\": { \"command\": \"/path/to/warden\", \"args\": [\"serve\"] } } }",
            "",
            "A client that takes HTTP MCP servers with headers, e.g. Claude Code (.mcp.json), with the token",
            "in the environment rather than in the file (export WARDEN_TOKEN=$(cat ~/.warden/gateway-token)):",
            "  { \"mcpServers\": { \"warden\": { \"type\": \"http\", \"url\": \"http://127.0.0.1:8765/mcp\",",
            "      \"headers\": { \"Authorization\": \"Bearer $${WARDEN_TOKEN}\" } } } }"})
final class ServeCommand extends BaseCommand {

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder $${workspace} stands for (default: the current folder).")
    Path workspace;

    @Option(names = "--http", paramLabel = "PORT",
            description = "Serve Streamable HTTP on 127.0.0.1:PORT at /mcp instead of stdio; 0 picks a free port.")
    Integer httpPort;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto", converter = IsolationRequestConverter.class,
            completionCandidates = IsolationRequestConverter.Modes.class, description = IsolationRequestConverter.DESCRIPTION)
    IsolationRequest isolation;

    @Option(names = "--new-token", description = "With --http: replace the token in $WARDEN_HOME/gateway-token with a new one.")
    boolean newToken;

    @Option(names = "--show-token", description = "With --http: print the token once on standard error, to paste into a client config.")
    boolean showToken;

    @Override
    int execute() throws Exception {
        Path folder = workspace(workspace);
        if (httpPort == null && (newToken || showToken)) {
            throw CommandException.usage((newToken ? "--new-token" : "--show-token") + " goes with --http PORT");
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw CommandException.usage("--http " + httpPort + " is not a port: give one from 1 to 65535, or 0 for a free one");
        }
        Lifecycle lifecycle = Lifecycle.open(home(), context().env(), context().clock(), Consent.none());
        // Under stdio, standard output carries the protocol; under HTTP too, Warden speaks on standard error only.
        Consumer<String> report = line -> {
            err().println(line);
            err().flush();
        };
        IsolationDecision placed = isolation(lifecycle.policy(), isolation);
        if (placed.refused() && isolation != IsolationRequest.AUTO) {
            placed.require(); // the person asked for what cannot be given here
        }
        report.accept("warden: " + whereCodeRuns(placed));
        Gateway.Settings settings = Gateway.Settings.standard().with(placed);
        try (CapabilityBroker broker = context().brokers().create(lifecycle.store(), CapabilityBroker.Surroundings.of(folder,
                context().env(), path -> false, notice -> err().println(notice)))) {
            if (httpPort == null) {
                StdioGateway.serve(lifecycle, broker, settings, report, context().protocol().in(), context().protocol().out());
                return ExitCode.OK;
            }
            GatewayTokenStore tokens = new GatewayTokenStore(home().root(), new SecureRandom());
            GatewayTokenStore.Issued issued = newToken ? tokens.renew() : tokens.current();
            report.accept(tokenNotice(issued, tokens.file(), showToken));
            if (showToken) {
                report.accept("warden: token: " + issued.token().value());
            }
            try {
                HttpGateway.serve(lifecycle, broker, settings, report, issued.token(), httpPort);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                report.accept("warden: stopped");
            }
        }
        return ExitCode.OK;
    }

    /** Says where plugins' code runs as {@code placed} decided, for a gateway's first lines. */
    static String whereCodeRuns(IsolationDecision placed) {
        return "plugins' code runs " + switch (placed.verdict()) {
            case PROCESS -> "each in its own sandbox (" + placed.reason() + ")";
            case IN_PROCESS -> "IN-PROCESS, with no OS sandbox: " + placed.reason();
            case REFUSED -> "NOWHERE: " + placed.reason();
        };
    }

    private static String tokenNotice(GatewayTokenStore.Issued issued, Path file, boolean shown) {
        String show = shown ? "" : " (--show-token prints it)";
        String update = "; clients configured with an earlier token need this one" + show;
        return switch (issued.source()) {
            case REUSED -> "warden: clients authenticate with the token in " + file;
            case CREATED -> "warden: made a token for clients in " + file + show;
            case RENEWED -> "warden: made a new token in " + file + update;
            case REPLACED_MALFORMED -> "warden: " + file + " held no well-formed token: made a new one" + update;
            case REPLACED_EXPOSED -> "warden: other users could read or change " + file + ": made a new token,"
                    + " readable by you only" + update;
        };
    }
}
