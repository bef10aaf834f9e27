package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.Version;
import dev.warden.manager.lifecycle.DependencyOffers;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The plugins a dependency names, as the added marketplaces offer them: looked up as {@code warden install
 * NAME@MARKETPLACE} (or {@code NAME}) looks, and fetched as {@code warden install} fetches, unverified offers refused
 * unless the person allowed them.
 */
final class MarketplaceDependencyOffers implements DependencyOffers {

    private final Marketplaces marketplaces;
    private Catalogue catalogue;
    private final Installation.Options options;
    private final Consumer<Offer> fetching;

    MarketplaceDependencyOffers(Marketplaces marketplaces, Installation.Options options, Consumer<Offer> fetching) {
        this.marketplaces = marketplaces;
        this.options = options;
        this.fetching = fetching;
    }

    @Override
    public Found find(String name, Optional<String> marketplace) throws Exception {
        try {
            Offer newest = catalogue().resolve(new OfferQuery(name, marketplace, Optional.empty()));
            List<Version> versions = catalogue().versions(newest.id()).stream().map(Offer::version).toList();
            return new Found(Optional.of(new Offered(newest.id(), newest.marketplace(), versions)), "");
        } catch (MarketplaceProblem e) {
            return new Found(Optional.empty(), e.getMessage());
        }
    }

    /** Read once, when the first dependency is looked up: most plugins have none. */
    private Catalogue catalogue() throws Exception {
        if (catalogue == null) {
            catalogue = marketplaces.catalogue();
        }
        return catalogue;
    }

    @Override
    public Fetched fetch(Offered offered, Version version) throws Exception {
        Offer offer = catalogue().versions(offered.id()).stream().filter(o -> o.version().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(offered.id() + " " + version + " is not offered"));
        marketplaces.refuseUnverified(offer, options);
        fetching.accept(offer);
        PreparedBundle bundle = marketplaces.prepareForInstall(offer);
        Provenance provenance = marketplaces.provenance(offer, bundle);
        return new Fetched() {
            @Override
            public Path file() {
                return bundle.file();
            }

            @Override
            public Provenance provenance() {
                return provenance;
            }

            @Override
            public void close() throws IOException {
                marketplaces.discard(bundle);
            }
        };
    }
}
