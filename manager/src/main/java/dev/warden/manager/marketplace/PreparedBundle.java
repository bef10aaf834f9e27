package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.signing.VerifiedFolder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A bundle made ready for the install pipeline from a marketplace offer.
 *
 * @param file    the bundle
 * @param id      the plugin the marketplace says it is
 * @param version the version the marketplace says it is
 * @param signedFolder the signed Claude plugin folder the bundle was made from, verified just before it was
 *                     made; the bundle itself is Warden's own and unsigned
 */
record PreparedBundle(Path file, PluginId id, Version version, Optional<VerifiedFolder> signedFolder) {

    /** A bundle as the marketplace served it (signed or not), not made from a signed folder. */
    PreparedBundle(Path file, PluginId id, Version version) {
        this(file, id, version, Optional.empty());
    }
}
