package dev.warden.catalog.state;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether an installed plugin runs.
 *
 * @since 0.1
 */
public enum PluginStatus {
    /** Runs with its effective grants. */
    ENABLED,
    /** Installed but switched off by the person. */
    DISABLED,
    /** Stopped until the person reviews a change (new permissions, changed connector, ...). */
    PENDING_REVIEW,
    /** Stopped by Warden (repeated denials, kill list); only the person can enable it again. */
    QUARANTINED;

    /** @return the identifier written to {@code catalog.json}, e.g. {@code pending-review} */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param id an identifier as written by {@link #id()}; case-sensitive
     * @return the status with that identifier, or empty if there is none
     */
    public static Optional<PluginStatus> byId(String id) {
        for (PluginStatus status : values()) {
            if (status.id().equals(id)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
