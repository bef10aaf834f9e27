package dev.warden.registry.tuf;

import java.util.Objects;

/**
 * What {@link TufRepository#publish} did.
 *
 * @param targetPath       the target path, {@code <publisher>/<name>/<publisher>-<name>-<version>.wpk}
 * @param targetsVersion   the version of the targets metadata that lists it (the publisher's role, for a delegated publish)
 * @param alreadyPublished the same bytes were already listed under that path, so nothing was written
 */
public record PublishResult(String targetPath, long targetsVersion, boolean alreadyPublished) {

    public PublishResult {
        Objects.requireNonNull(targetPath, "targetPath");
    }
}
