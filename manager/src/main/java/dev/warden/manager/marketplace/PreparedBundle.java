package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.nio.file.Path;

/**
 * A bundle made ready for the install pipeline from a marketplace offer.
 *
 * @param file    the bundle
 * @param id      the plugin the marketplace says it is
 * @param version the version the marketplace says it is
 */
record PreparedBundle(Path file, PluginId id, Version version) {
}
