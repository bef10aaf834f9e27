package dev.warden.manager.cli;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.mcpb.McpbBundle;
import dev.warden.manager.mcpb.McpbManifestException;
import dev.warden.manager.review.PermissionSummary;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleVerifier;
import dev.warden.signing.McpbSignature;
import dev.warden.signing.TrustDirectory;
import dev.warden.signing.TrustedKey;
import dev.warden.signing.VerifiedBundle;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.VerifiedFolder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check that every byte of a bundle, or of a signed Claude plugin folder, is signed by a",
            "publisher you trust. An MCPB bundle (.mcpb, Claude Desktop extension) is checked against its",
            "PKCS#7 signature: a chain to the system CA store or to a certificate in Warden's trust directory",
            "($WARDEN_HOME/trust/certificates/*.pem) verifies; self-signed or unsigned ones are shown and exit 3.",
            "",
            "Shows the publisher, key fingerprint and what the plugin asks to do, highest risk first (for a",
            "folder: what its signature covers; the permissions are derived at install).",
            "Exit 0 verified, 3 not trusted (unknown, revoked or",
            "expired key, wrong publisher), 4 integrity failure (a changed, added or missing entry, a",
            "broken signature, an unsafe archive)."
        },
        footer = {"", "Examples:", "  warden verify acme-hello-0.1.0.wpk", "  warden verify --json acme-hello-0.1.0.wpk",
            "  warden verify plugins/hello", "  warden verify weather-1.0.0.mcpb"})
final class VerifyCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk|FILE.mcpb|FOLDER", description = "The bundle, or the signed Claude plugin folder, to check.")
    Path bundle;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    int execute() throws Exception {
        if (Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            return verifyFolder();
        }
        existingBundle(bundle);
        if (McpbBundle.named(bundle)) {
            return verifyMcpb();
        }
        WardenHome home = home();
        var trust = new TrustDirectory(home.userTrustDir(), home.systemTrustDir()).load();
        VerifiedBundle verified;
        PluginManifest manifest;
        try {
            verified = new BundleVerifier(trust, context().clock(), BundleLimits.defaults()).verify(bundle);
            manifest = parseSigned(verified);
        } catch (BundleException e) {
            return refuse(e.failure().name(), reportedCategory(e), e.category().exitCode(), e.getMessage());
        } catch (CommandException e) {
            return refuse("INVALID_MANIFEST", "INTEGRITY", e.exitCode(), e.getMessage());
        }
        PermissionSummary permissions = PermissionSummary.of(manifest.permissions());
        if (json) {
            JsonOut.print(out(), asJson(verified, manifest, permissions));
        } else {
            printReport(out(), verified, manifest, permissions);
        }
        return ExitCode.OK;
    }

    private int verifyFolder() throws Exception {
        WardenHome home = home();
        var trust = new TrustDirectory(home.userTrustDir(), home.systemTrustDir()).load();
        VerifiedFolder verified;
        try {
            verified = FolderSignature.verify(bundle, trust, context().clock(), BundleLimits.defaults());
        } catch (BundleException e) {
            return refuse(e.failure().name(), reportedCategory(e), e.category().exitCode(), e.getMessage());
        }
        var publisher = verified.publisher().entry();
        TrustedKey key = verified.key();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("verified", true);
            result.put("plugin", verified.identity().pluginId());
            result.put("version", verified.identity().version());
            result.put("publisher", Map.of("id", publisher.id(), "name", publisher.name(),
                    "source", verified.publisher().source().name().toLowerCase(java.util.Locale.ROOT)));
            result.put("key", Map.of("keyid", key.keyId().hex(), "alg", "ed25519",
                    "notBefore", key.notBefore().toString(), "notAfter", key.notAfter().toString()));
            result.put("files", verified.files().stream().map(f -> f.path()).toList());
            JsonOut.print(out(), result);
            return ExitCode.OK;
        }
        long bytes = verified.files().stream().mapToLong(f -> f.size()).sum();
        out().printf("Verified %s %s (signed Claude plugin folder)%n", UnsafeCharacters.escape(verified.identity().pluginId()),
                verified.identity().version());
        out().printf("  publisher    %s (%s), trusted in the %s directory%n", UnsafeCharacters.escape(publisher.name()),
                publisher.id(), verified.publisher().source().name().toLowerCase(java.util.Locale.ROOT));
        out().printf("  signed by    %s (ed25519)%n", key.keyId().fingerprint());
        out().printf("  key valid    %s to %s%n", key.notBefore(), key.notAfter());
        out().printf("  covers       %d files (%s): every file but %s and a top-level .git, every byte as signed%n",
                verified.files().size(), Sizes.human(bytes), FolderSignature.FILE);
        for (var file : verified.files()) {
            out().printf("               %s%n", UnsafeCharacters.escape(file.path()));
        }
        return ExitCode.OK;
    }

    private int verifyMcpb() throws Exception {
        McpbBundle mcpb;
        try {
            mcpb = mcpbBundle(bundle);
        } catch (BundleException e) {
            return refuse(e.failure().name(), reportedCategory(e), e.category().exitCode(), e.getMessage());
        } catch (McpbManifestException e) {
            return refuse("INVALID_MANIFEST", "INTEGRITY", e.category().exitCode(), e.getMessage());
        }
        boolean verified = mcpb.signature().status() == McpbSignature.Status.CHAINED;
        if (json) {
            JsonOut.print(out(), McpbReport.json(mcpb));
        } else {
            McpbReport.print(out(), mcpb);
        }
        if (!verified) {
            err().println("warden: NOT VERIFIED: " + UnsafeCharacters.escape(bundle.toString()) + " is "
                    + (mcpb.signature().status() == McpbSignature.Status.UNSIGNED ? "unsigned"
                    : "self-signed: nobody vouches for who signed it")
                    + "; installing it needs --allow-unverified");
            return ExitCode.REFUSED;
        }
        return ExitCode.OK;
    }

    private static PluginManifest parseSigned(VerifiedBundle verified) throws CommandException {
        PluginManifest manifest;
        try {
            manifest = ManifestParser.standard().parse(verified.manifestBytes());
        } catch (ManifestException e) {
            throw CommandException.integrity("the signed plugin.json is not a valid manifest:\n" + e.getMessage());
        }
        var identity = verified.identity();
        if (!identity.publisher().equals(manifest.publisher()) || !identity.name().equals(manifest.name())
                || !identity.version().equals(manifest.version().toString())) {
            throw CommandException.integrity("the signature covers " + identity.pluginId() + " " + identity.version()
                    + " but plugin.json says " + manifest.publisher() + "/" + manifest.name() + " " + manifest.version());
        }
        return manifest;
    }

    /** verify --json names a bundle refusal INTEGRITY, TRUST or IO; scripts read these names. */
    private static String reportedCategory(BundleException e) {
        return switch (e.category()) {
            case REFUSED -> "TRUST";
            case ERROR, USAGE -> "IO";
            case INTEGRITY -> "INTEGRITY";
        };
    }

    private int refuse(String failure, String category, int code, String message) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("verified", false);
            result.put("bundle", bundle.toString());
            result.put("failure", failure);
            result.put("category", category);
            result.put("message", message);
            JsonOut.print(out(), result);
        }
        err().println("warden: NOT VERIFIED: " + UnsafeCharacters.escapeMultiline(message));
        return code;
    }

    private static void printReport(PrintWriter out, VerifiedBundle verified, PluginManifest manifest,
                                    PermissionSummary permissions) {
        var publisher = verified.publisher().entry();
        TrustedKey key = verified.key();
        long bytes = verified.files().stream().mapToLong(f -> f.size()).sum();
        out.printf("Verified %s %s%n", UnsafeCharacters.escape(verified.identity().pluginId()), verified.identity().version());
        out.printf("  publisher    %s (%s), trusted in the %s directory%n", UnsafeCharacters.escape(publisher.name()),
                publisher.id(), verified.publisher().source().name().toLowerCase(java.util.Locale.ROOT));
        out.printf("  signed by    %s (ed25519)%n", key.keyId().fingerprint());
        out.printf("  key valid    %s to %s%n", key.notBefore(), key.notAfter());
        out.printf("  files        %d (%s), every byte matches the signature%n", verified.files().size(), Sizes.human(bytes));
        manifest.description().ifPresent(d -> out.printf("  description  %s%n", UnsafeCharacters.escape(d)));
        out.println();
        if (permissions.items().isEmpty()) {
            out.println("Permissions: none. This plugin asks for no access to files, network, programs or secrets.");
            return;
        }
        out.println("Permissions, highest risk first:");
        for (PermissionSummary.Item item : permissions.items()) {
            out.printf("  %-9s %s%s%n", PermissionText.riskLabel(item.risk()).toUpperCase(java.util.Locale.ROOT),
                    UnsafeCharacters.escape(item.description()), item.permission().optional() ? "  (optional)" : "");
            out.printf("            enforced as %s %s%n", item.permission().kind().id(),
                    UnsafeCharacters.escape(item.permission().scope()));
            out.printf("            risk: %s%n", UnsafeCharacters.escape(item.riskReason()));
            out.printf("            reason: %s%n", UnsafeCharacters.escape(item.permission().reason()));
        }
    }

    private static Map<String, Object> asJson(VerifiedBundle verified, PluginManifest manifest, PermissionSummary permissions) {
        var publisher = verified.publisher().entry();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verified", true);
        result.put("plugin", verified.identity().pluginId());
        result.put("version", verified.identity().version());
        result.put("description", manifest.description().orElse(""));
        result.put("publisher", Map.of("id", publisher.id(), "name", publisher.name(),
                "source", verified.publisher().source().name().toLowerCase(java.util.Locale.ROOT)));
        result.put("key", Map.of("keyid", verified.key().keyId().hex(), "alg", "ed25519",
                "notBefore", verified.key().notBefore().toString(), "notAfter", verified.key().notAfter().toString()));
        result.put("files", verified.files().size());
        List<Map<String, Object>> perms = new ArrayList<>();
        for (PermissionSummary.Item item : permissions.items()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("kind", item.permission().kind().id());
            p.put("scope", item.permission().scope());
            p.put("risk", item.risk().level());
            p.put("riskLabel", PermissionText.riskLabel(item.risk()));
            p.put("riskReason", item.riskReason());
            p.put("description", item.description());
            p.put("reason", item.permission().reason());
            p.put("optional", item.permission().optional());
            perms.add(p);
        }
        result.put("permissions", perms);
        return result;
    }
}
