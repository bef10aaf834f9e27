package dev.warden.manager.marketplace;

import java.util.List;

/**
 * One plugin found by {@link Catalogue#search}: its newest version in the marketplace that decides
 * for its id.
 *
 * @param offer    that version
 * @param score    how well it matched; higher first
 * @param shadowed other marketplaces offering the same id, which lose because they were added later
 */
public record SearchHit(Offer offer, int score, List<String> shadowed) {

    public SearchHit {
        shadowed = List.copyOf(shadowed);
    }
}
