package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.Provenance;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.manager.imports.McpRunnerPath;
import dev.warden.manager.mcpb.McpbBundle;
import dev.warden.manager.mcpb.McpbImport;
import dev.warden.manager.mcpb.McpbManifest;
import dev.warden.io.FileTrees;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.manager.marketplace.Offer;
import dev.warden.manager.marketplace.OfferQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", mixinStandardHelpOptions = true,
        description = {
            "Install a plugin from a marketplace or a bundle file, after you review what it asks to do.",
            "",
            "ID[@VERSION] is looked up in your marketplaces (the first added wins when two offer it);",
            "NAME@MARKETPLACE[@VERSION] (Claude Code's form) looks only in the marketplace you named. The",
            "bundle is verified (publisher signature, trust, every byte) and its text scanned before you are",
            "asked; a marketplace's listing must match the signed manifest. Plugins from git marketplaces",
            "install as verified when their folder carries a Warden signature ('warden sign FOLDER') by a",
            "publisher you trust; other git plugins and MCP Registry servers carry no publisher signature and",
            "need --allow-unverified. A bundle of an installed",
            "plugin is an update: anything it asks for beyond what you granted is shown for approval. A",
            "refusal changes nothing and exits 3.",
            "",
            "A plugin's code and MCP servers run in their own bubblewrap sandbox where bwrap works. Without it,",
            "install warns that the plugin will run in-process, or, where policy requires process isolation,",
            "that it will not run on this machine (it is installed all the same; 'warden list' shows which)."
        },
        footer = {"", "Examples:", "  warden install acme/weather", "  warden install weather@1.2.0 --with-optional",
            "  warden install hookify@claude-plugins-official --allow-unverified",
            "  warden install acme-weather-1.2.0.wpk --yes",
            "  warden install acme/crm --yes --config tenant=acme --config region=eu", "  warden install weather-1.2.0.mcpb --allow-unverified"})
final class InstallCommand extends BaseCommand {

    @Parameters(paramLabel = "ID[@VERSION]|NAME@MARKETPLACE|FILE.wpk|FILE.mcpb",
            description = "A plugin id (publisher/name, or a name only one marketplace offers), or a bundle file"
                    + " (a Warden .wpk, or an MCPB .mcpb, which installs as unverified-mcpb/NAME).")
    String target;

    @Option(names = "--yes", description = "Accept the review as shown (policy still applies; an update's new permissions still wait for 'warden review').")
    boolean yes;

    @Option(names = "--allow-unverified",
            description = "Install even if no publisher you trust signed it (shown as UNVERIFIED; policy may forbid it).")
    boolean allowUnverified;

    @Option(names = "--with-optional", description = "Also grant the optional permissions (those policy allows).")
    boolean withOptional;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A value for one of the plugin's options (its userConfig), instead of being asked; repeat for"
                    + " several. Sensitive options are never taken here: type them when asked, or store them first"
                    + " with 'warden secret set'.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    int execute() throws Exception {
        Installation.Options options = new Installation.Options(yes, withOptional, allowUnverified, Optional.empty());
        Path file = Path.of(target);
        if (Files.isRegularFile(file) && McpbBundle.named(file)) {
            return installMcpb(file, options);
        }
        if (Files.isRegularFile(file)) {
            Lifecycle lifecycle = configuring();
            return report(lifecycle, new Installation(lifecycle, file, options)
                    .withDependencies(marketplaces(lifecycle).dependencyOffers(options, this::getting)).run());
        }
        if (target.endsWith(".wpk")) {
            throw CommandException.error(target + ": no such bundle file");
        }
        Marketplaces marketplaces = marketplaces(configuring());
        Offer offer = marketplaces.catalogue().resolve(query(target));
        InstallResult result = marketplaces.install(offer, options, this::getting);
        return report(lifecycle(), result);
    }

    /**
     * An MCPB bundle, its signature checked first (a tampered one is refused, exit 4), becomes an
     * unsigned Warden bundle of {@code unverified-mcpb/<name>}: no Warden publisher signed it, so it
     * installs only with --allow-unverified, whatever certificate signed the MCPB.
     */
    private int installMcpb(Path file, Installation.Options options) throws Exception {
        McpbBundle mcpb = mcpbBundle(file);
        String platform = McpbManifest.currentPlatform();
        if (!mcpb.manifest().runsOn(platform)) {
            throw CommandException.refused(file + " is made for " + String.join(", ", mcpb.manifest().platforms())
                    + " (its compatibility.platforms), not for this " + platform + " machine. Not installed");
        }
        Lifecycle lifecycle = configuring();
        Path work = Files.createTempDirectory("warden-mcpb-");
        try {
            McpbImport.Imported imported = McpbImport.convert(mcpb, work.resolve("plugin"), McpRunnerPath.fromEnvironment());
            out().printf("MCPB extension %s %s: %s%n", UnsafeCharacters.escape(mcpb.manifest().name()),
                    UnsafeCharacters.escape(mcpb.manifest().version()), McpbReport.signatureLine(mcpb.signature()));
            mcpb.signature().signer().ifPresent(signer ->
                    out().printf("  subject      %s%n", UnsafeCharacters.escape(signer.subject())));
            out().printf("  installs as  %s, UNVERIFIED: no Warden publisher signed it; the server gets no network"
                    + " unless you grant it%n", imported.id());
            if (!options.allowUnverified()) {
                String reason = file + " is an MCPB extension, which no Warden publisher signs (UNVERIFIED); if you accept"
                        + " that, install it with --allow-unverified (the review still shows everything it asks for)";
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(imported.id()), Map.of("version",
                        imported.version().toString(), "source", Provenance.mcpb(file).source(), "reason", reason));
                throw CommandException.refused(reason);
            }
            Path wpk = work.resolve(imported.id().publisher() + "-" + imported.id().name() + "-" + imported.version() + ".wpk");
            BundleWriter.pack(imported.dir(), wpk, BundleLimits.defaults(), BundleWriter.Packing.TRANSIENT);
            return report(lifecycle, new Installation(lifecycle, wpk, Provenance.mcpb(file), options).run());
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    /** The lifecycle, asking for the plugin's options unless {@code --config} gave them. */
    private Lifecycle configuring() throws Exception {
        return lifecycle(home(), consent(config));
    }

    /** Reads {@code ID[@VERSION]} or Claude Code's {@code NAME@MARKETPLACE[@VERSION]}; exit 2 when it is neither. */
    static OfferQuery query(String target) throws CommandException {
        try {
            return OfferQuery.parse(target);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage(e.getMessage());
        }
    }

    int report(Lifecycle lifecycle, InstallResult result) throws Exception {
        show(result);
        if (result.outcome() == InstallResult.Outcome.PENDING_REVIEW) {
            return ExitCode.REFUSED;
        }
        if (result.outcome().changedVersion()) {
            Map<PluginId, Version> changed = new LinkedHashMap<>();
            result.dependencies().forEach(d -> changed.put(d.id(), d.version()));
            changed.put(result.id(), result.version());
            warnAboutIsolation(lifecycle, changed);
        }
        return ExitCode.OK;
    }
}
