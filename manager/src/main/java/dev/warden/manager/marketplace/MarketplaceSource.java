package dev.warden.manager.marketplace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One kind of marketplace, working on its cache folder ({@code $WARDEN_HOME/cache/<name>/}).
 * Nothing in the folder is replaced until what replaces it was fetched and verified in full.
 */
interface MarketplaceSource {

    /**
     * First contact: fetches what the person must see before trusting the marketplace into the
     * (new, empty) folder and describes it.
     *
     * @return lines to show before asking
     */
    List<String> introduce(Path dir) throws Exception;

    /** Brings the folder up to date with the marketplace; the report says what changed. */
    RefreshReport refresh(Path dir) throws Exception;

    /** The offers as last refreshed, or empty before the first refresh. */
    Optional<OfferFile> offers(Path dir) throws Exception;

    /**
     * Makes the bundle of {@code offer} in {@code work}: downloaded and checked against freshly
     * verified metadata, or built (unsigned) from a plugin folder. Never changes {@code dir}.
     *
     * @param offers what {@link #offers} gave, from which {@code offer} was taken (a git marketplace builds at its pin)
     */
    PreparedBundle bundle(Offer offer, Optional<OfferFile> offers, Path dir, Path work) throws Exception;
}
