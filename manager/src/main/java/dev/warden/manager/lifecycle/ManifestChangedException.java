package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.WardenException;

/**
 * An installed plugin's {@code plugin.json} no longer has the SHA-256 recorded when it was installed: something
 * outside Warden changed what the person reviewed, so the plugin is not loaded (exit 4).
 */
public final class ManifestChangedException extends WardenException {

    private static final long serialVersionUID = 1L;

    ManifestChangedException(PluginId id, Version version, String recorded, String found) {
        super(Category.INTEGRITY, id + " " + version + " is not loaded: its installed plugin.json changed after it was reviewed (SHA-256 "
                + found + ", recorded at install " + recorded + "); something outside Warden edited it. Find out what,"
                + " then reinstall the plugin ('warden remove " + id + "' and install it again)");
    }
}
