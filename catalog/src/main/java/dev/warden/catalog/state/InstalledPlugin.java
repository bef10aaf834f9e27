package dev.warden.catalog.state;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One installed plugin as recorded in {@code catalog.json}.
 *
 * @param id             the plugin's id
 * @param version        the installed (running) version
 * @param status         whether it runs
 * @param verified       whether its bundle's signature was verified against a trusted publisher key
 * @param publisherKeyId the id of the key that signed it, if it was signed
 * @param source         where it came from (marketplace name, file), as shown to the person
 * @param manifestSha256 SHA-256 of the verified {@code plugin.json} bytes, 64 lowercase hex digits
 * @param installedAt    when it was first installed
 * @param updatedAt      when the installed version last changed
 * @param pending        an update waiting for review, if any
 * @since 0.1
 */
public record InstalledPlugin(PluginId id, Version version, PluginStatus status, boolean verified,
        Optional<String> publisherKeyId, String source, String manifestSha256, Instant installedAt,
        Instant updatedAt, Optional<PendingUpdate> pending) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the source or key id is blank or the digest is not 64 lowercase hex digits
     */
    public InstalledPlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(publisherKeyId, "publisherKeyId");
        Objects.requireNonNull(installedAt, "installedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(pending, "pending");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException(id + ": the source it came from is missing");
        }
        if (publisherKeyId.isPresent() && publisherKeyId.get().isBlank()) {
            throw new IllegalArgumentException(id + ": the publisher key id is blank; leave it empty instead");
        }
        if (manifestSha256 == null || !SHA256.matcher(manifestSha256).matches()) {
            throw new IllegalArgumentException(id + ": manifest digest " + manifestSha256
                    + " is not a SHA-256 in 64 lowercase hex digits");
        }
    }

    /** @return a copy with the given status */
    public InstalledPlugin withStatus(PluginStatus newStatus) {
        return new InstalledPlugin(id, version, newStatus, verified, publisherKeyId, source, manifestSha256,
                installedAt, updatedAt, pending);
    }

    /** @return a copy with the given pending update (empty to clear it) */
    public InstalledPlugin withPending(Optional<PendingUpdate> newPending) {
        return new InstalledPlugin(id, version, status, verified, publisherKeyId, source, manifestSha256,
                installedAt, updatedAt, newPending);
    }

    /** @return a copy waiting for the given update */
    public InstalledPlugin withPending(PendingUpdate newPending) {
        return withPending(Optional.of(newPending));
    }

    /** @return a copy with no pending update */
    public InstalledPlugin withoutPending() {
        return withPending(Optional.empty());
    }

    /**
     * @return a copy running another version: the version, where it came from, its verification, its
     *         manifest digest and {@code updatedAt} change; the pending update is cleared
     */
    public InstalledPlugin withVersion(Version newVersion, String newSource, boolean newVerified,
            Optional<String> newPublisherKeyId, String newManifestSha256, Instant newUpdatedAt) {
        return new InstalledPlugin(id, newVersion, status, newVerified, newPublisherKeyId, newSource,
                newManifestSha256, installedAt, newUpdatedAt, Optional.empty());
    }
}
