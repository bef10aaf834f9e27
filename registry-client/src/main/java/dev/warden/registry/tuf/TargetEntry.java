package dev.warden.registry.tuf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One target of the verified targets metadata.
 *
 * @param path    the target path, e.g. {@code acme/notes/acme-notes-1.2.0.wpk}
 * @param length  its exact size in bytes
 * @param hashes  lowercase hex digests by algorithm name, in the order the metadata lists them
 * @param listing Warden's listing from the target's custom metadata, if it has one
 */
public record TargetEntry(String path, long length, Map<String, String> hashes, Optional<TargetListing> listing) {

    /** @throws IllegalArgumentException for an empty path, a negative length or no hashes */
    public TargetEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(listing, "listing");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a target path must not be empty");
        }
        if (length < 0) {
            throw new IllegalArgumentException("target " + path + " has a negative length " + length);
        }
        if (hashes.isEmpty()) {
            throw new IllegalArgumentException("target " + path + " lists no hashes");
        }
        hashes = hashes.size() == 1 ? single(hashes) : Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    /** The one entry of {@code hashes}, in a map of one object: a marketplace holds tens of thousands of entries. */
    private static Map<String, String> single(Map<String, String> hashes) {
        Map.Entry<String, String> only = hashes.entrySet().iterator().next();
        return Collections.singletonMap(only.getKey(), only.getValue());
    }
}
