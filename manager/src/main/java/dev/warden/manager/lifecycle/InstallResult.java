package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.PluginStatus;
import java.util.List;
import java.util.Optional;

/**
 * What an install, update or review of a held update did.
 *
 * @param id       the plugin
 * @param version  the version now installed; for {@link Outcome#PENDING_REVIEW} the one waiting for review, for
 *                 {@link Outcome#REJECTED} the one rejected
 * @param outcome  what happened
 * @param previous the version installed before: the one replaced ({@link Outcome#UPDATED}) or kept
 *                 ({@link Outcome#PENDING_REVIEW}, {@link Outcome#REJECTED}); empty for a first install
 * @param status   the plugin's status afterwards
 * @param dependencies the plugins it depends on that were installed or enabled with it, each before what needs it
 */
public record InstallResult(PluginId id, Version version, Outcome outcome, Optional<Version> previous, PluginStatus status,
                            List<Dependency> dependencies) {

    public InstallResult {
        dependencies = List.copyOf(dependencies);
    }

    /** A result that brought no other plugin with it. */
    public InstallResult(PluginId id, Version version, Outcome outcome, Optional<Version> previous, PluginStatus status) {
        this(id, version, outcome, previous, status, List.of());
    }

    /**
     * A plugin {@link #id} depends on that this install installed, or enabled, with it.
     *
     * @param installed true when it was installed now; false when it was installed and disabled, and is now enabled
     */
    public record Dependency(PluginId id, Version version, boolean installed) {
    }

    /** What happened. */
    public enum Outcome {
        INSTALLED,
        UPDATED,
        /** The very same version and content is installed; nothing was changed. */
        ALREADY_INSTALLED,
        /** The update asks for more than was granted; the plugin is disabled until {@code warden review}. */
        PENDING_REVIEW,
        /** The person rejected the update that waited for review; the installed version stays. */
        REJECTED;

        /** @return true when the plugin now runs a version it did not run before */
        public boolean changedVersion() {
            return this == INSTALLED || this == UPDATED;
        }
    }
}
