package dev.warden.registry.tuf;

import dev.warden.signing.Ed25519PublicKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A repository written by {@link TufRepository#init}.
 *
 * @param dir         the folder
 * @param rootKeys    the keys of the root role, which a person accepting the marketplace compares
 * @param rootVersion the version of {@code root.json}
 */
public record RepositoryInfo(Path dir, List<Ed25519PublicKey> rootKeys, long rootVersion) {

    public RepositoryInfo {
        Objects.requireNonNull(dir, "dir");
        rootKeys = List.copyOf(rootKeys);
    }
}
