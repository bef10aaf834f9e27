package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.imports.LooseVersions;
import dev.warden.manager.imports.McpImportedPlugin;
import dev.warden.manager.imports.McpServerImport;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.registry.mcp.McpRegistryIndex;
import dev.warden.registry.mcp.McpServerListing;
import dev.warden.registry.mcp.RefreshSummary;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server speaking the MCP Registry API. It lists MCP servers, not bundles: installing one builds
 * an unverified connector plugin whose permissions come from the server's transport, or, for a server
 * published as an MCPB bundle, downloads that file and checks it against the listed fileSha256 first.
 */
final class McpRegistrySource implements MarketplaceSource {

    private static final String INDEX = "registry";
    private static final int PAGE_LIMIT = 100;

    private final String name;
    private final Fetcher fetcher;
    private final Clock clock;
    private final McpbPackageFetch mcpb;

    McpRegistrySource(String name, Fetcher fetcher, Clock clock, McpbPackageFetch mcpb) {
        this.name = name;
        this.fetcher = fetcher;
        this.clock = clock;
        this.mcpb = mcpb;
    }

    @Override
    public List<String> introduce(Path dir) {
        return List.of("MCP Registry at " + fetcher.location(),
                "It lists MCP servers without publisher signatures: each becomes an UNVERIFIED connector plugin,",
                "and installing one needs --allow-unverified. Its permissions come from how the server runs.");
    }

    @Override
    public RefreshReport refresh(Path dir) throws Exception {
        McpRegistryIndex index = McpRegistryIndex.load(dir.resolve(INDEX));
        RefreshSummary summary = index.refresh(fetcher, clock, PAGE_LIMIT);
        List<String> lines = new ArrayList<>();
        lines.add(summary.pages() + " page(s) read: " + summary.added() + " new, " + summary.updated() + " updated, "
                + summary.removed() + " removed; " + summary.total() + " server(s) listed");
        return new RefreshReport(summary.added() + summary.updated() + summary.removed() > 0, lines);
    }

    @Override
    public Optional<OfferFile> offers(Path dir) throws Exception {
        McpRegistryIndex index = McpRegistryIndex.load(dir.resolve(INDEX));
        if (index.lastRefresh().isEmpty()) {
            return Optional.empty();
        }
        List<Offer> offers = new ArrayList<>();
        for (McpServerListing server : index.servers()) {
            Optional<Offer> offer = offerOf(server);
            offer.ifPresent(offers::add);
        }
        return Optional.of(new OfferFile(offers, Optional.empty(), index.lastRefresh().get()));
    }

    @Override
    public PreparedBundle bundle(Offer offer, Optional<OfferFile> offers, Path dir, Path work) throws Exception {
        McpRegistryIndex index = McpRegistryIndex.load(dir.resolve(INDEX));
        // what the registry says now, not what it said at the last refresh: a file hash or a take-down may have changed
        McpServerListing server = index.current(fetcher, offer.ref())
                .orElseThrow(() -> new MarketplaceProblem("MCP Registry " + name + " no longer lists " + offer.ref()
                        + "; run 'warden marketplace update " + name + "'"));
        if (!sameVersion(server.version(), offer.version())) {
            throw new MarketplaceProblem("MCP Registry " + name + " now lists " + offer.ref() + " at version "
                    + UnsafeCharacters.quote(server.version()) + ", not " + offer.version() + "; run 'warden marketplace update "
                    + name + "' and install again");
        }
        Optional<McpPackage> bundled = McpServerImport.bundled(server);
        if (bundled.isPresent()) {
            return mcpb.prepare(server.name(), bundled.get(), offer.id(), fetcher.location(), work);
        }
        McpImportedPlugin imported = McpServerImport.convert(server, UnverifiedNamespace.of(name), work.resolve("plugin"));
        Path bundle = work.resolve(offer.id().publisher() + "-" + offer.id().name() + "-" + imported.version() + ".wpk");
        BundleWriter.pack(imported.dir(), bundle, BundleLimits.defaults(), BundleWriter.Packing.TRANSIENT);
        return new PreparedBundle(bundle, PluginId.parse(imported.id()), Version.parse(imported.version()));
    }

    private static boolean sameVersion(String listed, Version offered) {
        try {
            return LooseVersions.parse(listed).equals(offered);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<Offer> offerOf(McpServerListing server) {
        try {
            String transport = !server.remotes().isEmpty() ? "remote server " + server.remotes().get(0).url()
                    : !server.packages().isEmpty() ? server.packages().get(0).registryType() + " package "
                    + server.packages().get(0).identifier() : "no way to run it";
            String description = server.description() + " (" + transport + ")";
            return Optional.of(new Offer(name, MarketplaceKind.MCP_REGISTRY,
                    UnverifiedNamespace.id(name, McpServerImport.pluginName(server.name())), LooseVersions.parse(server.version()),
                    description, List.of(server.name()), Optional.empty(), server.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
