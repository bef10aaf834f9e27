package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a bundle came from, and what its listing promised. A marketplace listing is only a claim:
 * the signed manifest inside the bundle is the authority, and an install whose manifest names
 * another plugin or version than the listing is refused.
 *
 * @param source  recorded in the catalog and the audit log, e.g. {@code file:/tmp/x.wpk} or {@code marketplace:acme}
 * @param listed  the plugin and version the listing named, when the bundle came from a marketplace
 */
public record Provenance(String source, Optional<Listed> listed) {

    private static final String MARKETPLACE_PREFIX = "marketplace:";

    /**
     * What a marketplace said the bundle holds.
     *
     * @param marketplaceAddedAt when the marketplace of that name was added: one added after a plugin was
     *                           installed from a marketplace of the same name is another marketplace
     */
    public record Listed(String marketplace, Instant marketplaceAddedAt, PluginId id, Version version) {
    }

    /** A bundle file the person named. */
    public static Provenance file(Path bundle) {
        return new Provenance("file:" + bundle.toAbsolutePath().normalize(), Optional.empty());
    }

    /** A bundle the marketplace added at {@code addedAt} listed as {@code id} at {@code version}. */
    public static Provenance marketplace(String marketplace, Instant addedAt, PluginId id, Version version) {
        return new Provenance(MARKETPLACE_PREFIX + marketplace, Optional.of(new Listed(marketplace, addedAt, id, version)));
    }

    /** The marketplace an installed plugin's recorded source names, if it came from one. */
    public static Optional<String> marketplaceOf(String source) {
        return source.startsWith(MARKETPLACE_PREFIX) ? Optional.of(source.substring(MARKETPLACE_PREFIX.length()))
                : Optional.empty();
    }
}
