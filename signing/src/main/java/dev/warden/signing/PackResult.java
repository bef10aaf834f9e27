package dev.warden.signing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link BundleWriter#pack} wrote.
 *
 * @param identity publisher, name and version read from plugin.json
 * @param bundle the bundle file
 * @param fileCount entries listed in files.json (plugin.json included)
 * @param totalBytes sum of their sizes
 */
public record PackResult(BundleIdentity identity, Path bundle, int fileCount, long totalBytes) {

    public PackResult {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(bundle, "bundle");
    }
}
