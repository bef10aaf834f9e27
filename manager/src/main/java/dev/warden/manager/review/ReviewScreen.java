package dev.warden.manager.review;

import dev.warden.api.manifest.ConnectorSpec;
import dev.warden.api.manifest.Permission;
import dev.warden.api.manifest.PluginManifest;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.permissions.PermissionChange;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.manager.scan.Finding;
import dev.warden.manager.text.TerminalText;
import dev.warden.signing.VerifiedBundle;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what a person reads before deciding: who signed the plugin, what it asks to do in plain
 * words (highest risk first), what it offers, and what the static check found. Every string from
 * the bundle passes through {@link TerminalText}.
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
                    TerminalText.safeLine(String.join(", ", lookAlikes)));
        }
        manifest.description().ifPresent(d -> out.printf("  about        %s%n", TerminalText.safeLine(d)));
        out.println();
        permissions(PermissionSummary.of(manifest.permissions()), blocked);
        offers(manifest, contents);
        findings(findings);
        codeCheck(classesChecked);
    }

    /** The difference an update makes, and what it needs the person to approve. */
    public void update(PluginManifest installed, PluginManifest update, Optional<VerifiedBundle> verified, UpdateReview review,
                       List<Finding> findings, int classesChecked) {
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
                out.printf("  %-9s %s%n", label(p), TerminalText.safeLine(PermissionText.describe(p)));
            }
        }
        List<PermissionChange> other = review.changes().stream().filter(c -> !c.needsConsent()).toList();
        if (!other.isEmpty()) {
            out.println("Other changes:");
            other.forEach(this::change);
        }
        findings(findings);
        codeCheck(classesChecked);
    }

    private void change(PermissionChange change) {
        out.printf("  %-9s %s%n", PermissionText.riskLabel(change.risk()).toUpperCase(Locale.ROOT),
                TerminalText.safeLine(change.description()));
        change.permission().ifPresent(p -> {
            out.printf("            enforced as %s %s%n", p.kind().id(), TerminalText.safeLine(p.scope()));
            out.printf("            risk: %s%n", TerminalText.safeLine(p.riskReason()));
            out.printf("            reason: %s%n", TerminalText.safeLine(p.reason()));
        });
    }

    private void signer(Optional<VerifiedBundle> verified) {
        if (verified.isEmpty()) {
            out.println("  publisher    UNVERIFIED: no publisher you trust signed this bundle. Anyone could have made it.");
            return;
        }
        VerifiedBundle v = verified.get();
        out.printf("  publisher    %s (%s), verified%n", TerminalText.safeLine(v.publisher().entry().name()), v.publisher().entry().id());
        out.printf("  signed by    %s%n", v.key().keyId().fingerprint());
    }

    private void permissions(PermissionSummary summary, Map<Permission, String> blocked) {
        if (summary.items().isEmpty()) {
            out.println("It asks for no permissions: no files, network, programs, secrets or schedules.");
        } else {
            out.println("It asks to (highest risk first):");
            for (PermissionSummary.Item item : summary.items()) {
                Permission p = item.permission();
                String note = blocked.containsKey(p) ? "  (BLOCKED BY POLICY: " + blocked.get(p) + ")"
                        : p.optional() ? "  (optional: not granted unless you choose it)" : "";
                out.printf("  %-9s %s%s%n", label(p), TerminalText.safeLine(item.description()), TerminalText.safeLine(note));
                out.printf("            enforced as %s %s%n", p.kind().id(), TerminalText.safeLine(p.scope()));
                out.printf("            risk: %s%n", TerminalText.safeLine(item.riskReason()));
                out.printf("            reason: %s%n", TerminalText.safeLine(p.reason()));
            }
        }
        out.println();
    }

    private void offers(PluginManifest manifest, PluginContents contents) {
        if (!manifest.connectors().isEmpty()) {
            out.println("Tools it offers:");
            for (ConnectorSpec c : manifest.connectors()) {
                out.printf("  %s: %s%n", TerminalText.safeLine(c.name()), TerminalText.safeLine(c.description()));
            }
        }
        if (!contents.skills().isEmpty()) {
            out.println("Skills:");
            contents.skills().forEach(s -> out.printf("  %s: %s%n", TerminalText.safeLine(s.name()), TerminalText.safeLine(s.description())));
        }
        if (!contents.agents().isEmpty()) {
            out.println("Sub-agents:");
            contents.agents().forEach(a -> out.printf("  %s: %s%n", TerminalText.safeLine(a.name()), TerminalText.safeLine(a.description())));
        }
        if (manifest.connectors().isEmpty() && contents.skills().isEmpty() && contents.agents().isEmpty()) {
            out.println("It offers no tools, skills or sub-agents.");
        }
        out.println();
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
                    TerminalText.safeLine(f.location()), TerminalText.safeLine(f.message()));
        }
    }

    private static String label(Permission p) {
        return PermissionText.riskLabel(p.risk()).toUpperCase(Locale.ROOT);
    }
}
