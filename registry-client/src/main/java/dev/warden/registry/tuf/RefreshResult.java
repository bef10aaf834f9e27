package dev.warden.registry.tuf;

import java.util.Objects;

/**
 * The outcome of {@link TufClient#refresh}.
 *
 * @param metadata      the new verified set; persist it with {@link TrustedMetadata#save}
 * @param changed       some metadata differs from the set the refresh started from
 * @param rootRotations how many new root versions were accepted
 */
public record RefreshResult(TrustedMetadata metadata, boolean changed, int rootRotations) {

    public RefreshResult {
        Objects.requireNonNull(metadata, "metadata");
    }
}
