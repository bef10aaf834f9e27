package dev.warden.registry.tuf;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link TufClient#findTarget}.
 *
 * @param metadata the trusted set with the delegated roles the search loaded; download from this set
 * @param target   the entry, or empty when no role that may sign the path lists it
 */
public record TargetSearchResult(TrustedMetadata metadata, Optional<TargetEntry> target) {

    public TargetSearchResult {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(target, "target");
    }
}
