package dev.warden.manager.cli;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.Provenance;
import dev.warden.manager.marketplace.MarketplaceEntry;
import dev.warden.manager.marketplace.Marketplaces;
import dev.warden.manager.marketplace.Offer;
import dev.warden.manager.marketplace.OfferFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = {
            "Update installed plugins from their marketplaces, or one plugin from a newer bundle file.",
            "",
            "Without --from, the marketplaces the plugins came from are refreshed and each plugin is updated",
            "to the newest version its own marketplace offers (never a lower one). An update that asks for",
            "nothing beyond what you granted is applied. One that asks for more (a riskier permission, a wider",
            "scope, a changed tool description or MCP server) is applied only if you approve it at the prompt;",
            "otherwise the plugin is disabled until 'warden review'. --yes never approves new permissions, so",
            "scripted and scheduled updates stay safe (exit 3 when an update waits for review)."
        },
        footer = {"", "Examples:", "  warden update", "  warden update acme/weather --yes",
            "  warden update acme/weather --from acme-weather-1.3.0.wpk"})
final class UpdateCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The installed plugin (publisher/name, or a unique name); all when not given.")
    String id;

    @Option(names = "--from", paramLabel = "FILE.wpk", description = "Update from this bundle instead of the plugin's marketplace.")
    Path bundle;

    @Option(names = "--allow-unverified", description = "Accept a bundle no publisher you trust signed (policy may forbid it).")
    boolean allowUnverified;

    @Option(names = "--yes", description = "Apply without asking when nothing new needs approval.")
    boolean yes;

    @Override
    int execute() throws Exception {
        var lifecycle = lifecycle();
        WardenState state = lifecycle.store().read();
        if (bundle != null) {
            if (id == null) {
                throw CommandException.usage("--from needs the ID of the plugin it updates, e.g. warden update acme/weather --from "
                        + bundle);
            }
            PluginId pluginId = pluginId(id, state);
            existingBundle(bundle);
            InstallResult result = new Installation(lifecycle, bundle,
                    new Installation.Options(yes, false, allowUnverified, Optional.of(pluginId))).run();
            show(result);
            if (result.outcome() == InstallResult.Outcome.PENDING_REVIEW) {
                return ExitCode.REFUSED;
            }
            if (result.outcome() == InstallResult.Outcome.UPDATED) {
                warnAboutIsolation(lifecycle, Map.of(result.id(), result.version()));
            }
            return ExitCode.OK;
        }
        List<InstalledPlugin> plugins = new ArrayList<>();
        if (id != null) {
            plugins.add(state.plugin(pluginId(id, state)).orElseThrow());
        } else {
            plugins.addAll(state.plugins().values());
        }
        return updateFromMarketplaces(lifecycle, plugins);
    }

    private int updateFromMarketplaces(Lifecycle lifecycle, List<InstalledPlugin> plugins) throws Exception {
        Marketplaces marketplaces = marketplaces();
        Set<String> sources = new TreeSet<>();
        for (InstalledPlugin plugin : plugins) {
            Optional<String> marketplace = Provenance.marketplaceOf(plugin.source());
            if (marketplace.isEmpty()) {
                if (id != null) {
                    throw CommandException.error(plugin.id() + " was installed from " + UnsafeCharacters.escape(plugin.source())
                            + ", not a marketplace; update it with --from FILE.wpk");
                }
                continue;
            }
            sources.add(marketplace.get());
        }
        int code = ExitCode.OK;
        for (String name : sources) {
            if (marketplaces.find(name).isEmpty()) {
                continue;
            }
            var outcome = marketplaces.update(Optional.of(name)).values().iterator().next();
            outcome.report().ifPresent(r -> {
                if (r.changed()) {
                    out().printf("Refreshed marketplace %s.%n", name);
                }
            });
        }
        Map<PluginId, Version> updated = new LinkedHashMap<>();
        for (InstalledPlugin plugin : plugins) {
            Optional<String> name = Provenance.marketplaceOf(plugin.source());
            if (name.isEmpty()) {
                continue;
            }
            Optional<MarketplaceEntry> entry = marketplaces.find(name.get());
            if (entry.isEmpty()) {
                out().printf("%s: its marketplace %s was removed; update it with --from FILE.wpk%n", plugin.id(), name.get());
                continue;
            }
            Optional<Offer> newest = marketplaces.offers(entry.get()).map(OfferFile::offers).orElse(List.of()).stream()
                    .filter(o -> o.id().equals(plugin.id())).max(Comparator.comparing(Offer::version));
            if (newest.isEmpty() || newest.get().version().compareTo(plugin.version()) <= 0) {
                out().printf("%s %s is up to date.%n", plugin.id(), plugin.version());
                continue;
            }
            out().printf("%s: %s -> %s%n", plugin.id(), plugin.version(), newest.get().version());
            InstallResult result = marketplaces.install(newest.get(),
                    new Installation.Options(yes, false, allowUnverified, Optional.of(plugin.id())), this::getting);
            show(result);
            if (result.outcome() == InstallResult.Outcome.PENDING_REVIEW) {
                code = ExitCode.REFUSED;
            } else if (result.outcome() == InstallResult.Outcome.UPDATED) {
                updated.put(result.id(), result.version());
            }
        }
        if (!updated.isEmpty()) {
            out().printf("Updated %d plugin(s).%n", updated.size());
            warnAboutIsolation(lifecycle, updated);
        }
        return code;
    }
}
