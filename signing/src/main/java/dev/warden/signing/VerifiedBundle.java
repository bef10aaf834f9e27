package dev.warden.signing;

import java.util.List;
import java.util.Objects;

/**
 * A bundle that passed every check: intact, signed by {@code key} of {@code publisher}, whose
 * namespaces cover {@code identity.publisher()}.
 *
 * @param identity the signed publisher, name and version
 * @param publisher the trusted publisher whose key signed
 * @param key the key that signed
 * @param manifestBytes the exact, verified bytes of plugin.json
 * @param files files.json
 */
public record VerifiedBundle(BundleIdentity identity, TrustedPublisher publisher, TrustedKey key, byte[] manifestBytes,
                             List<FileEntry> files) {

    public VerifiedBundle {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(key, "key");
        manifestBytes = manifestBytes.clone();
        files = List.copyOf(files);
    }

    @Override
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }
}
