package dev.warden.signing;

import java.util.List;
import java.util.Objects;

/**
 * A bundle whose structure and content were checked against its files.json, with no trust decision.
 *
 * @param identity publisher, name and version from plugin.json
 * @param manifestBytes the exact bytes of plugin.json
 * @param files files.json, in its (sorted) order
 * @param signatures signature.json's signatures, empty when the bundle is unsigned
 */
public record OpenedBundle(BundleIdentity identity, byte[] manifestBytes, List<FileEntry> files, List<BundleSignature> signatures) {

    public OpenedBundle {
        Objects.requireNonNull(identity, "identity");
        manifestBytes = manifestBytes.clone();
        files = List.copyOf(files);
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }
}
