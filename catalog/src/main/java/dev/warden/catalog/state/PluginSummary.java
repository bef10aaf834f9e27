package dev.warden.catalog.state;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@code warden list}: what is installed, in what state, and the highest risk of what it
 * may do now. Read from a small index the commit writes next to the state files, so that listing
 * does not parse every grant.
 *
 * @param id the plugin id, {@code publisher/name}
 * @param version the installed version
 * @param status enabled, disabled, waiting for review or quarantined
 * @param verified whether a trusted publisher signed it
 * @param risk the highest risk level (0–4) among its active permissions
 * @param pendingVersion the version waiting for review, if any
 * @since 0.1
 */
public record PluginSummary(String id, String version, PluginStatus status, boolean verified, int risk,
                            Optional<String> pendingVersion) {

    public PluginSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pendingVersion, "pendingVersion");
        if (risk < 0 || risk > 4) {
            throw new IllegalArgumentException("risk is 0 to 4, not " + risk);
        }
    }

    /** The summary of an installed plugin, from the full state. */
    public static PluginSummary of(WardenState state, InstalledPlugin plugin) {
        int risk = state.grants(plugin.id()).active().stream().mapToInt(p -> p.risk().level()).max().orElse(0);
        return new PluginSummary(plugin.id().toString(), plugin.version().toString(), plugin.status(), plugin.verified(),
                risk, plugin.pending().map(p -> p.version().toString()));
    }
}
