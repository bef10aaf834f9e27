package dev.warden.manager.cli;

import dev.warden.manager.config.UserConfig;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.manager.lifecycle.Grants;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.review.PermissionSummary;
import dev.warden.manager.review.PluginContents;
import dev.warden.manager.review.ReviewScreen;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "grants", mixinStandardHelpOptions = true,
        description = {
            "Show what a plugin asks for and what it may do now.",
            "",
            "granted: you approved it (kept across updates); active: the installed version has it and you",
            "approved it; effective: active and not blocked by policy, which is what the runtime enforces.",
            "",
            "Then what the plugin makes run (MCP and LSP servers, hooks, monitors, bin/ programs) and under which",
            "grant Warden runs each, or that no one runs it under Warden; and the tools its skills and commands",
            "pre-approve in Claude Code, which are not Warden permissions."
        })
final class GrantsCommand extends JsonCommand {

    @Parameters(paramLabel = "ID", description = "The plugin (publisher/name, or a unique name).")
    String id;

    @Override
    int execute() throws Exception {
        Installed installed = installed(id);
        Lifecycle lifecycle = installed.lifecycle();
        var pluginId = installed.id();
        InstalledPlugin plugin = installed.plugin();
        // URLs filled from the plugin's settings are shown, and granted, filled in
        UserConfig config = UserConfig.load(home().root(), installed.id(), installed.manifest());
        PluginManifest declared = installed.manifest();
        PluginManifest manifest = UserConfig.withPermissions(declared, config.permissions(declared.permissions()));
        GrantSet grants = installed.state().grants(pluginId);
        List<Permission> effective = Grants.effective(grants, manifest.permissions(), lifecycle.policy());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PermissionSummary.Item item : PermissionSummary.of(manifest.permissions()).items()) {
            Permission p = item.permission();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", p.kind().id());
            row.put("scope", p.scope());
            row.put("risk", item.risk().level());
            row.put("riskReason", item.riskReason());
            row.put("optional", p.optional());
            row.put("granted", grants.isGranted(p));
            row.put("active", grants.isActive(p));
            row.put("effective", Grants.contains(effective, p));
            lifecycle.policy().refusesPermission(p).ifPresent(reason -> row.put("blockedByPolicy", reason));
            row.put("description", item.description());
            rows.add(row);
        }
        List<Map<String, Object>> stale = new ArrayList<>();
        for (Permission p : grants.granted()) {
            if (!Grants.contains(manifest.permissions(), p)) {
                stale.add(Map.of("kind", p.kind().id(), "scope", p.scope()));
            }
        }
        PluginContents contents = PluginContents.of(lifecycle.store().pluginDir(pluginId, plugin.version()), declared, config);
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("plugin", pluginId.toString());
            result.put("version", plugin.version().toString());
            result.put("status", plugin.status().name().toLowerCase(Locale.ROOT));
            result.put("permissions", rows);
            result.put("grantedNotRequested", stale);
            result.put("preApprovedTools", contents.preApprovedTools());
            result.put("runs", ContentsJson.runs(contents));
            return printJson(result);
        }
        out().printf("%s %s (%s)%n", pluginId, plugin.version(), plugin.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (rows.isEmpty()) {
            out().println("  It asks for no permissions.");
        }
        for (Map<String, Object> row : rows) {
            String state3 = (boolean) row.get("effective") ? "effective" : (boolean) row.get("active") ? "active, not effective"
                    : (boolean) row.get("granted") ? "granted, not active" : "not granted";
            out().printf("  %-9s %-22s %s %s%s%n", PermissionText.riskLabel(dev.warden.catalog.manifest.Risk.ofLevel((int) row.get("risk")))
                            .toUpperCase(Locale.ROOT), state3, row.get("kind"), UnsafeCharacters.escape((String) row.get("scope")),
                    (boolean) row.get("optional") ? "  (optional)" : "");
            if (row.containsKey("blockedByPolicy")) {
                out().printf("            blocked by policy: %s%n", UnsafeCharacters.escape((String) row.get("blockedByPolicy")));
            }
        }
        if (!stale.isEmpty()) {
            out().println("  Granted earlier, not asked for by this version (kept, so a later version may use it without asking):");
            stale.forEach(s -> out().printf("            %s %s%n", s.get("kind"), UnsafeCharacters.escape((String) s.get("scope"))));
        }
        contents.preApprovedTools().forEach((path, tools) -> out().printf(
                "  pre-approved in Claude Code by %s (allowed-tools, not a Warden permission): %s%n",
                UnsafeCharacters.escape(path), UnsafeCharacters.escape(String.join(", ", tools))));
        out().println();
        ReviewScreen screen = new ReviewScreen(out());
        screen.unpinned(contents);
        screen.parts(contents);
        return ExitCode.OK;
    }
}
