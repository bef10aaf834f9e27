package dev.warden.catalog.state;

import dev.warden.catalog.manifest.Version;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified update that waits for the person's review before it replaces the installed version. Its
 * files are already in {@code plugins/<publisher>/<name>/<version>/}; recovery keeps them.
 *
 * @param version  the staged version
 * @param source   where it came from (marketplace name, file), as shown to the person
 * @param stagedAt when it was staged
 * @param reasons  why it waits, one line each (e.g. {@code adds net.egress https://api.example.com})
 * @param verified whether a trusted publisher signed the staged bundle
 * @param publisherKeyId the key that signed it, when verified
 * @param manifestSha256 hex SHA-256 of the staged version's plugin.json
 * @since 0.1
 */
public record PendingUpdate(Version version, String source, Instant stagedAt, List<String> reasons, boolean verified,
                            Optional<String> publisherKeyId, String manifestSha256) {

    /**
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the source is blank
     */
    public PendingUpdate {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stagedAt, "stagedAt");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a pending update needs the source it came from");
        }
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(publisherKeyId, "publisherKeyId");
        if (manifestSha256 == null || !manifestSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a pending update's manifest digest is 64 lowercase hex digits");
        }
    }
}
