package dev.warden.manager.cli;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.review.PluginContents;
import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.manager.review.ReviewScreen;
import dev.warden.manager.sandbox.IsolationDecision;
import dev.warden.manager.sandbox.IsolationRequest;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.KeyId;
import dev.warden.manager.mcpb.McpbBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show an installed plugin, or one a marketplace offers.", "",
            "For an installed plugin: who signed it, where it came from, how its code runs (its own bubblewrap",
            "sandbox, IN-PROCESS, or REFUSED where policy requires process isolation and bwrap is missing), its",
            "tools, skills, sub-agents and commands (with the tools they pre-approve in Claude Code), everything it",
            "makes run (MCP and LSP servers, hooks, monitors, bin/ programs: the exact command line, who runs it",
            "and the secrets each server receives), and any update waiting for review ('warden grants ID' shows its",
            "permissions). For a plugin that is not installed: the versions its marketplace offers and the",
            "permissions its listing names. For an MCPB file (.mcpb): its signature, what it runs and the options it asks for."})
final class InfoCommand extends JsonCommand {

    @Parameters(paramLabel = "ID[@VERSION]|FILE.mcpb",
            description = "The plugin (publisher/name, a unique name, or NAME@MARKETPLACE), or an MCPB file.")
    String id;

    @Override
    int execute() throws Exception {
        Path file = Path.of(id);
        if (McpbBundle.named(file) && Files.isRegularFile(file)) {
            McpbBundle mcpb = mcpbBundle(file);
            if (json) {
                return printJson(McpbReport.json(mcpb));
            }
            McpbReport.print(out(), mcpb);
            return ExitCode.OK;
        }
        WardenState state = lifecycle().store().read();
        boolean isInstalled;
        try {
            isInstalled = InstallCommand.query(id).version().isEmpty() && state.plugin(pluginId(id, state)).isPresent();
        } catch (CommandException e) {
            isInstalled = false;
        }
        if (!isInstalled) {
            return new OfferInfo(this).show(id);
        }
        Installed installed = installed(id);
        var pluginId = installed.id();
        InstalledPlugin plugin = installed.plugin();
        PluginManifest manifest = installed.manifest();
        Path folder = installed.lifecycle().store().pluginDir(pluginId, plugin.version());
        PluginContents contents = PluginContents.of(folder, manifest);
        boolean runsCode = IsolationNotice.runsCode(manifest, folder);
        IsolationDecision isolation = isolation(installed.lifecycle().policy(), IsolationRequest.AUTO);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", pluginId.toString());
        info.put("version", plugin.version().toString());
        info.put("status", plugin.status().name().toLowerCase(Locale.ROOT));
        info.put("description", manifest.description().orElse(""));
        info.put("verified", plugin.verified());
        info.put("publisherKey", plugin.publisherKeyId().orElse(null));
        info.put("source", plugin.source());
        info.put("installedAt", plugin.installedAt().toString());
        info.put("updatedAt", plugin.updatedAt().toString());
        info.put("tools", manifest.connectors().stream().map(c -> Map.of("name", c.name(), "description", c.description())).toList());
        info.putAll(ContentsJson.offers(contents));
        info.put("runs", ContentsJson.runs(contents));
        info.putAll(IsolationNotice.json(isolation, runsCode));
        info.put("dependencies", PluginDependency.declaredBy(manifest).stream().map(PluginDependency::toString).toList());
        info.put("pendingUpdate", plugin.pending().map(p -> Map.of("version", p.version().toString(), "needs", p.reasons())).orElse(null));
        if (json) {
            return printJson(info);
        }
        out().printf("%s %s  (%s)%n", pluginId, plugin.version(), plugin.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        manifest.description().ifPresent(d -> out().printf("  about        %s%n", UnsafeCharacters.escape(d)));
        out().printf("  signed       %s%n", plugin.verified()
                ? "verified, signed for publisher " + pluginId.publisher() + " with key "
                        + plugin.publisherKeyId().map(k -> new KeyId(k).fingerprint()).orElse("?")
                : "UNVERIFIED");
        out().printf("  source       %s%n", UnsafeCharacters.escape(plugin.source()));
        out().printf("  installed    %s (updated %s)%n", plugin.installedAt(), plugin.updatedAt());
        out().printf("  isolation    %s%n", IsolationNotice.infoLine(isolation, runsCode));
        new ReviewScreen(out()).dependencies(manifest);
        print("Tools", manifest.connectors().stream().map(c -> line(c)).toList());
        print("Skills", contents.skills().stream().map(s -> s.name() + ": " + s.description()).toList());
        print("Sub-agents", contents.agents().stream().map(a -> a.name() + ": " + a.description()).toList());
        print("Commands", contents.commands().stream().map(c -> c.name() + ": " + c.description()).toList());
        print("Pre-approved in Claude Code (allowed-tools, not Warden permissions)", contents.preApprovedTools().entrySet()
                .stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList());
        ReviewScreen screen = new ReviewScreen(out());
        screen.unpinned(contents);
        screen.parts(contents);
        plugin.pending().ifPresent(p -> {
            out().printf("Update %s waits for your review ('warden review %s'):%n", p.version(), pluginId);
            p.reasons().forEach(r -> out().println("  " + UnsafeCharacters.escape(r)));
        });
        out().println("Permissions: warden grants " + pluginId);
        return ExitCode.OK;
    }

    private static String line(ConnectorSpec c) {
        return c.name() + ": " + c.description();
    }

    private void print(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out().println(title + ":");
        lines.forEach(l -> out().println("  " + UnsafeCharacters.escape(l)));
    }
}
