package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;

/**
 * What an install or update did.
 *
 * @param id the plugin
 * @param version the version now installed, or waiting for review
 * @param outcome what happened
 */
public record InstallResult(PluginId id, Version version, Outcome outcome) {

    /** What happened. */
    public enum Outcome {
        INSTALLED,
        UPDATED,
        ALREADY_INSTALLED,
        /** The update asks for more than was granted; the plugin is disabled until {@code warden review}. */
        PENDING_REVIEW
    }
}
