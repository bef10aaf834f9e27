package dev.warden.signing;

import java.util.List;
import java.util.Objects;

/**
 * A signed Claude plugin folder that passed every check: every file as signed, nothing added or
 * removed, signed by {@code key} of {@code publisher}, whose namespaces cover {@code identity.publisher()}.
 *
 * @param identity  the signed publisher, name and version
 * @param publisher the trusted publisher whose key signed
 * @param key       the key that signed
 * @param files     the signed file list, sorted by path (the signature file itself is not in it)
 * @since 0.1
 */
public record VerifiedFolder(BundleIdentity identity, TrustedPublisher publisher, TrustedKey key, List<FileEntry> files) {

    public VerifiedFolder {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(key, "key");
        files = List.copyOf(files);
    }
}
