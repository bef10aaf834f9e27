package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.manager.imports.ClaudePluginImport;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.manager.imports.LooseVersions;
import dev.warden.manager.imports.ClaudeImportedPlugin;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.git.ClaudeListing;
import dev.warden.registry.git.ClaudeMarketplace;
import dev.warden.registry.git.GitMarketplace;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A git repository with a Claude Code {@code .claude-plugin/marketplace.json}. The clone lives in
 * {@code repo/}; the offers file records the commit they were read at, which is the pin: plugins are
 * always read from that commit, and only {@code marketplace update} moves it.
 */
final class GitMarketplaceSource implements MarketplaceSource {

    private static final String REPO = "repo";

    private final String name;
    private final String location;
    private final Clock clock;
    private final FetchSettings settings;

    GitMarketplaceSource(String name, String location, Clock clock, FetchSettings settings) {
        this.name = name;
        this.location = location;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public List<String> introduce(Path dir) throws Exception {
        String commit = GitMarketplace.cloneInto(location, dir.resolve(REPO));
        ClaudeMarketplace marketplace = GitMarketplace.read(dir.resolve(REPO), commit);
        List<String> skipped = new ArrayList<>();
        List<Offer> offers = offersOf(marketplace, skipped);
        new OfferFile(offers, Optional.of(commit), clock.instant()).write(dir);
        List<String> lines = new ArrayList<>();
        lines.add("Git marketplace '" + marketplace.name() + "'" + marketplace.owner().map(o -> " by " + o).orElse("")
                + " at " + location);
        lines.add("Pinned to commit " + commit + "; " + offers.size() + " plugin(s) listed.");
        lines.add("Its plugins carry no publisher signature: they are UNVERIFIED, and installing one needs --allow-unverified.");
        lines.addAll(skipped);
        return lines;
    }

    @Override
    public RefreshReport refresh(Path dir) throws Exception {
        Optional<OfferFile> before = offers(dir);
        String latest = GitMarketplace.fetchLatest(dir.resolve(REPO));
        if (before.isPresent() && before.get().pin().equals(Optional.of(latest))) {
            return RefreshReport.unchanged();
        }
        ClaudeMarketplace marketplace = GitMarketplace.read(dir.resolve(REPO), latest);
        List<String> skipped = new ArrayList<>();
        List<Offer> offers = offersOf(marketplace, skipped);
        new OfferFile(offers, Optional.of(latest), clock.instant()).write(dir);
        List<String> lines = new ArrayList<>();
        lines.add("pin moved from " + before.flatMap(OfferFile::pin).orElse("nothing") + " to " + latest);
        lines.addAll(OfferChanges.between(before.map(OfferFile::offers).orElse(List.of()), offers));
        lines.addAll(skipped);
        return new RefreshReport(true, lines);
    }

    @Override
    public Optional<OfferFile> offers(Path dir) throws Exception {
        return OfferFile.read(dir, name, MarketplaceKind.GIT);
    }

    @Override
    public PreparedBundle bundle(Offer offer, Path dir, Path work) throws Exception {
        String pin = offers(dir).flatMap(OfferFile::pin)
                .orElseThrow(() -> new MarketplaceProblem("marketplace " + name + " has no pinned commit; run 'warden marketplace update "
                        + name + "'"));
        ClaudeMarketplace marketplace = GitMarketplace.read(dir.resolve(REPO), pin);
        ClaudeListing listing = marketplace.plugins().stream().filter(p -> p.name().equals(offer.ref())).findFirst()
                .orElseThrow(() -> new MarketplaceProblem("marketplace " + name + " no longer lists " + offer.ref()
                        + " at commit " + pin + "; run 'warden marketplace update " + name + "'"));
        Path source = GitMarketplace.materialise(dir.resolve(REPO), pin, listing, work.resolve("source"),
                location -> {
                    try {
                        return Fetchers.open(location, settings);
                    } catch (FetchException e) {
                        throw new UncheckedIOException(new IOException(e.getMessage(), e));
                    }
                });
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(source, UnverifiedNamespace.of(name), listing, work.resolve("plugin"));
        Path bundle = work.resolve(offer.id().publisher() + "-" + offer.id().name() + "-" + imported.version() + ".wpk");
        BundleWriter.pack(imported.dir(), bundle, BundleLimits.defaults());
        return new PreparedBundle(bundle, PluginId.parse(imported.id()), Version.parse(imported.version()));
    }

    private List<Offer> offersOf(ClaudeMarketplace marketplace, List<String> skipped) {
        List<Offer> offers = new ArrayList<>();
        for (ClaudeListing plugin : marketplace.plugins()) {
            try {
                Version version = LooseVersions.parse(plugin.version().orElse("0.0.0"));
                String description = plugin.description();
                if (!plugin.source().installable()) {
                    description = description + " [cannot be installed: " + plugin.source().refusal().orElse("unsupported source") + "]";
                }
                offers.add(new Offer(name, MarketplaceKind.GIT, UnverifiedNamespace.id(name, plugin.name()), version, description,
                        plugin.keywords(), Optional.empty(), plugin.name()));
            } catch (IllegalArgumentException e) {
                skipped.add("skipped " + plugin.name() + ": " + e.getMessage());
            }
        }
        return offers;
    }
}
