package dev.warden.manager.marketplace;

import java.time.Instant;
import java.util.Objects;

/**
 * A marketplace the person added. The order of entries is the order they were added, and decides
 * which marketplace wins when two offer the same plugin id.
 *
 * @param name     the person's name for it, kebab-case
 * @param kind     what it speaks
 * @param location a URL, git URL or local path, as given
 * @param addedAt  when it was added
 */
public record MarketplaceEntry(String name, MarketplaceKind kind, String location, Instant addedAt) {

    public MarketplaceEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(addedAt, "addedAt");
    }
}
