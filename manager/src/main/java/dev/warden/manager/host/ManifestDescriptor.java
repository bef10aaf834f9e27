package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginManifest;
import org.pf4j.DefaultPluginDescriptor;

/** PF4J's view of an installed plugin, carrying the manifest Warden parsed from its {@code plugin.json}. */
final class ManifestDescriptor extends DefaultPluginDescriptor {

    private final PluginManifest manifest;

    ManifestDescriptor(PluginManifest manifest) {
        super(manifest.id().toString(), manifest.description().orElse(""), manifest.pluginClass().orElse(null),
                manifest.version().toString(), "*", manifest.publisher(), manifest.license().orElse(null));
        this.manifest = manifest;
    }

    PluginManifest manifest() {
        return manifest;
    }
}
