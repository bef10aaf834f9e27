package dev.warden.manager.review;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.permissions.PermissionChange;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.manager.scan.Finding;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.VerifiedBundle;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders what a person reads before deciding: who signed the plugin, what it asks to do in plain
 * words (highest risk first), what it offers, and what the static check found. Every string from
 * the bundle passes through {@link UnsafeCharacters}.
 */
public final class ReviewScreen {

    private final PrintWriter out;

    public ReviewScreen(PrintWriter out) {
        this.out = out;
    }

    /**
     * The full review of a plugin about to be installed.
     *
     * @param blocked permissions policy blocks, with the reason
     * @param lookAlikes installed plugins whose ids a person could mistake for this one
     */
    public void install(PluginManifest manifest, Optional<VerifiedBundle> verified, PluginContents contents,
                        List<Finding> findings, int classesChecked, Map<Permission, String> blocked, List<String> lookAlikes) {
        out.println();
        out.printf("Install %s %s%n", manifest.id(), manifest.version());
        signer(verified);
        if (!lookAlikes.isEmpty()) {
            out.printf("  WARNING      the name looks like %s, which you already have; make sure this is the plugin you meant%n",
                    UnsafeCharacters.escape(String.join(", ", lookAlikes)));
        }
        manifest.description().ifPresent(d -> out.printf("  about        %s%n", UnsafeCharacters.escape(d)));
        dependencies(manifest);
        out.println();
        permissions(PermissionSummary.of(manifest.permissions()), blocked, contents.runsAnything());
        unpinned(contents);
        offers(manifest, contents);
        parts(contents);
        findings(findings);
        codeCheck(classesChecked);
    }

    /** The difference an update makes, and what it needs the person to approve. */
    public void update(PluginManifest installed, PluginManifest update, Optional<VerifiedBundle> verified, UpdateReview review,
                       List<Finding> findings, int classesChecked) {
        update(installed, update, verified, review, findings, classesChecked, Optional.empty());
    }

    /**
     * The difference an update makes, with the parts (hooks, servers, LSP servers, monitors, programs, pre-approved
     * tools) the new version adds or changes.
     *
     * @param parts the installed version's contents and the update's, when both folders are at hand
     */
    public void update(PluginManifest installed, PluginManifest update, Optional<VerifiedBundle> verified, UpdateReview review,
                       List<Finding> findings, int classesChecked, Optional<Map.Entry<PluginContents, PluginContents>> parts) {
        out.println();
        out.printf("Update %s %s -> %s%n", update.id(), installed.version(), update.version());
        signer(verified);
        out.println();
        List<PermissionChange> asks = review.needingConsent();
        if (asks.isEmpty()) {
            out.println("Nothing new to approve: it asks for nothing beyond what you already granted.");
        } else {
            out.println("Needs your approval:");
            asks.forEach(this::change);
        }
        List<Permission> silent = review.grantedWithoutAsking();
        if (!silent.isEmpty()) {
            out.println("Granted without asking (covered by what you approved, or low risk):");
            for (Permission p : silent) {
                out.printf("  %-9s %s%n", label(p), UnsafeCharacters.escape(PermissionText.describe(p)));
            }
        }
        List<PermissionChange> other = review.changes().stream().filter(c -> !c.needsConsent()).toList();
        if (!other.isEmpty()) {
            out.println("Other changes:");
            other.forEach(this::change);
        }
        parts.ifPresent(p -> partChanges(installed, p.getKey(), p.getValue()));
        findings(findings);
        codeCheck(classesChecked);
    }

    private void partChanges(PluginManifest installed, PluginContents before, PluginContents after) {
        // sets: a hostile update may list tens of thousands of hooks
        List<String> was = before.partLines();
        List<String> now = after.partLines();
        Set<String> wasSet = new HashSet<>(was);
        Set<String> nowSet = new HashSet<>(now);
        List<String> added = now.stream().filter(line -> !wasSet.contains(line)).toList();
        List<String> gone = was.stream().filter(line -> !nowSet.contains(line)).toList();
        if (!added.isEmpty()) {
            out.printf("Parts it makes run that are new or changed since %s:%n", installed.version());
            added.forEach(line -> out.printf("  %-9s %s%n", line.startsWith("unpinned: ") ? "CRITICAL" : "NEW",
                    UnsafeCharacters.escape(line)));
        }
        if (!gone.isEmpty()) {
            out.println("Parts it no longer has:");
            gone.forEach(line -> out.printf("  %-9s %s%n", "REMOVED", UnsafeCharacters.escape(line)));
        }
        if (!added.isEmpty() || !gone.isEmpty() || !after.problems().isEmpty()) {
            out.println();
            parts(after);
        }
    }

    /** One line per plugin it depends on, as declared: {@code depends on   secrets-vault ~2.1.0}. */
    public void dependencies(PluginManifest manifest) {
        for (PluginDependency dependency : PluginDependency.declaredBy(manifest)) {
            out.printf("  depends on   %s%n", UnsafeCharacters.escape(dependency.toString()));
        }
    }

    private void change(PermissionChange change) {
        out.printf("  %-9s %s%n", PermissionText.riskLabel(change.risk()).toUpperCase(Locale.ROOT),
                UnsafeCharacters.escape(change.description()));
        change.permission().ifPresent(p -> {
            out.printf("            enforced as %s %s%n", p.kind().id(), UnsafeCharacters.escape(p.scope()));
            out.printf("            risk: %s%n", UnsafeCharacters.escape(p.riskReason()));
            out.printf("            reason: %s%n", UnsafeCharacters.escape(p.reason()));
        });
    }

    private void signer(Optional<VerifiedBundle> verified) {
        if (verified.isEmpty()) {
            out.println("  publisher    UNVERIFIED: no publisher you trust signed this bundle. Anyone could have made it.");
            return;
        }
        VerifiedBundle v = verified.get();
        out.printf("  publisher    %s (%s), verified%n", UnsafeCharacters.escape(v.publisher().entry().name()), v.publisher().entry().id());
        out.printf("  signed by    %s%n", v.key().keyId().fingerprint());
    }

    private void permissions(PermissionSummary summary, Map<Permission, String> blocked, boolean runsAnything) {
        if (summary.items().isEmpty() && runsAnything) {
            out.println("It asks Warden for no permissions, but it holds parts that run programs or reach servers:"
                    + " see 'What it makes run' below.");
        } else if (summary.items().isEmpty()) {
            out.println("It asks for no permissions: no files, network, programs, secrets or schedules.");
        } else {
            out.println("It asks to (highest risk first):");
            for (PermissionSummary.Item item : summary.items()) {
                Permission p = item.permission();
                String note = blocked.containsKey(p) ? "  (BLOCKED BY POLICY: " + blocked.get(p) + ")"
                        : p.optional() ? "  (optional: not granted unless you choose it)" : "";
                out.printf("  %-9s %s%s%n", label(p), UnsafeCharacters.escape(item.description()), UnsafeCharacters.escape(note));
                out.printf("            enforced as %s %s%n", p.kind().id(), UnsafeCharacters.escape(p.scope()));
                out.printf("            risk: %s%n", UnsafeCharacters.escape(item.riskReason()));
                out.printf("            reason: %s%n", UnsafeCharacters.escape(p.reason()));
            }
        }
        out.println();
    }

    private void offers(PluginManifest manifest, PluginContents contents) {
        if (!manifest.connectors().isEmpty()) {
            out.println("Tools it offers:");
            for (ConnectorSpec c : manifest.connectors()) {
                out.printf("  %s: %s%n", UnsafeCharacters.escape(c.name()), UnsafeCharacters.escape(c.description()));
            }
        }
        items("Skills:", contents.skills());
        items("Sub-agents:", contents.agents());
        items("Commands:", contents.commands());
        if (manifest.connectors().isEmpty() && contents.skills().isEmpty() && contents.agents().isEmpty()
                && contents.commands().isEmpty()) {
            out.println("It offers no tools, skills, sub-agents or commands.");
        }
        out.println();
    }

    private void items(String title, List<PluginContents.Item> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println(title);
        for (PluginContents.Item item : items) {
            out.printf("  %s: %s  (%s)%n", UnsafeCharacters.escape(item.name()), UnsafeCharacters.escape(item.description()),
                    UnsafeCharacters.escape(item.path()));
            if (!item.allowedTools().isEmpty()) {
                out.printf("      pre-approves in Claude Code (allowed-tools, not a Warden permission): %s%n",
                        UnsafeCharacters.escape(String.join(", ", item.allowedTools())));
            }
        }
    }

    /** Code fetched anew at each start is what nobody reviewed: said first, at the highest risk. */
    public void unpinned(PluginContents contents) {
        List<String> unpinned = contents.unpinned();
        if (unpinned.isEmpty()) {
            return;
        }
        out.println("Unpinned code, fetched again at each start:");
        unpinned.forEach(line -> out.printf("  %-9s %s%n", "CRITICAL", UnsafeCharacters.escape(line)));
        out.println();
    }

    /**
     * Everything of the plugin that runs a program or reaches a server, with the exact program and arguments,
     * who runs it (Warden and under which grant, or no one under Warden) and the secrets each server receives.
     * {@code info} and {@code grants} print the same list.
     */
    public void parts(PluginContents contents) {
        if (contents.runsAnything() || !contents.settings().isEmpty()) {
            out.println("What it makes run, and who runs it:");
            for (PluginContents.McpServer server : contents.mcpServers()) {
                if (server.transport().equals("remote")) {
                    out.printf("  MCP server %s (remote, host %s, from %s)%n", safe(server.name()), safe(server.host()),
                            safe(server.where()));
                    out.printf("      connects to %s%n", safe(server.url()));
                } else {
                    out.printf("  MCP server %s (stdio, from %s)%n", safe(server.name()), safe(server.where()));
                    out.printf("      runs %s%n", safe(commandLine(server.program(), server.args())));
                }
                for (PluginContents.Secret secret : server.secrets()) {
                    out.printf("      receives %s in %s, from %s%n", safe(secret.reference()), safe(secret.in()),
                            safe(secret.source()));
                }
                out.printf("      run by: %s%n", safe(server.runBy().text()));
            }
            for (PluginContents.Hook hook : contents.hooks()) {
                out.printf("  hook on %s%s (%s, from %s)%n", safe(hook.event()),
                        hook.matcher().isEmpty() ? "" : " for tools matching " + safe(hook.matcher()), safe(hook.type()),
                        safe(hook.where()));
                out.printf("      %s %s%n", hook.type().equals("command") ? "runs" : "uses", safe(hook.action()));
                out.printf("      run by: %s%n", safe(hook.runBy()));
            }
            for (PluginContents.LspServer server : contents.lspServers()) {
                out.printf("  LSP server %s (from %s)%n", safe(server.name()), safe(server.where()));
                out.printf("      runs %s%n", safe(commandLine(server.program(), server.args())));
                out.printf("      run by: %s%n", safe(server.runBy()));
            }
            for (PluginContents.Monitor monitor : contents.monitors()) {
                out.printf("  monitor %s (from %s)%s%n", safe(monitor.name()), safe(monitor.where()),
                        monitor.description().isEmpty() ? "" : ": " + safe(monitor.description()));
                out.printf("      runs %s%n", safe(monitor.command()));
                out.printf("      run by: %s%n", safe(monitor.runBy()));
            }
            if (!contents.programs().isEmpty()) {
                out.printf("  programs in bin/: %s%n", safe(String.join(", ", contents.programs())));
                out.printf("      run by: %s%n", PluginContents.PROGRAMS_RUN_BY);
            }
            if (!contents.settings().isEmpty()) {
                out.println("  default settings (settings.json):");
                contents.settings().forEach(s -> out.printf("      %s%n", safe(s)));
                out.printf("      applied by: %s%n", PluginContents.SETTINGS_APPLIED_BY);
            }
            out.println();
        }
        if (!contents.problems().isEmpty()) {
            out.println("Parts that could not be read (shown so that nothing is hidden):");
            contents.problems().forEach(p -> out.printf("  WARNING   %s%n", safe(p)));
            out.println();
        }
    }

    private static String commandLine(String program, List<String> args) {
        StringBuilder line = new StringBuilder(program);
        for (String arg : args) {
            boolean quote = arg.isEmpty() || arg.indexOf('\'') >= 0 || arg.chars().anyMatch(Character::isWhitespace);
            // as a POSIX shell reads it: a quote inside an argument cannot make one argument look like two
            line.append(' ').append(quote ? "'" + arg.replace("'", "'\\''") + "'" : arg);
        }
        return line.toString();
    }

    private static String safe(String text) {
        return UnsafeCharacters.escape(text);
    }

    /** Code that reached past the plugin API was refused before this screen; what passed is said here. */
    private void codeCheck(int classesChecked) {
        if (classesChecked > 0) {
            out.printf("Code check: %d class%s use%s only the plugin API and allowed parts of the JDK.%n", classesChecked,
                    classesChecked == 1 ? "" : "es", classesChecked == 1 ? "s" : "");
        }
    }

    private void findings(List<Finding> findings) {
        if (findings.isEmpty()) {
            out.println("Static check: no hidden content and no instructions aimed at the model.");
            return;
        }
        out.println("Static check found:");
        for (Finding f : findings) {
            out.printf("  %-12s %s: %s%n", f.refusesInstall() ? "HIDDEN" : f.kind() == Finding.Kind.HIDDEN_TEXT ? "hidden text" : "instruction",
                    UnsafeCharacters.escape(f.location()), UnsafeCharacters.escape(f.message()));
        }
    }

    private static String label(Permission p) {
        return PermissionText.riskLabel(p.risk()).toUpperCase(Locale.ROOT);
    }
}
