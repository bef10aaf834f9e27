package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import dev.warden.signing.PublisherEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of one plugin that a marketplace offers, as its listing describes it. A listing is a
 * claim: what gets installed is decided by the bundle's signed manifest.
 *
 * @param marketplace the offering marketplace's name
 * @param kind        its kind
 * @param id          the plugin id the listing names
 * @param version     the version it names
 * @param description one line
 * @param keywords    for search
 * @param permissions the permissions the listing names, when it names them before download
 * @param ref         where the marketplace keeps it: a target path, a plugin name in marketplace.json,
 *                    or a registry server name
 */
public record Offer(String marketplace, MarketplaceKind kind, PluginId id, Version version, String description,
                    List<String> keywords, Optional<List<ListedPermission>> permissions, String ref) {

    public Offer {
        Objects.requireNonNull(marketplace, "marketplace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        description = description == null ? "" : description;
        keywords = List.copyOf(keywords);
        permissions = permissions.map(List::copyOf);
        Objects.requireNonNull(ref, "ref");
    }

    /**
     * Whether a publisher signed what is offered (checked at install): every bundle of a static repository, and
     * the plugin folders of a git marketplace that carry a Warden signature, which are the git offers whose id is
     * not {@code unverified-<marketplace>/<name>}. MCP Registry servers are unverified.
     */
    public boolean signed() {
        return kind == MarketplaceKind.STATIC
                || (kind == MarketplaceKind.GIT && !id.publisher().startsWith(PublisherEntry.UNVERIFIED_PREFIX));
    }
}
