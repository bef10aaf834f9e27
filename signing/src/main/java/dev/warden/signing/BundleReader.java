package dev.warden.signing;

import java.nio.file.Path;

/** Opens a bundle and checks its structure and integrity, without deciding whether to trust it. */
public final class BundleReader {

    private BundleReader() {
    }

    /**
     * Reads {@code bundle} once: zip structure, names, limits, files.json against every entry (sizes and
     * SHA-256), jars inspected, signature.json parsed (not verified).
     *
     * @return identity, plugin.json bytes, files and signatures (empty when unsigned)
     * @throws BundleException with an INTEGRITY failure naming the entry, or IO
     */
    public static OpenedBundle open(Path bundle, BundleLimits limits) throws BundleException {
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            checked.checkContent(null);
            return new OpenedBundle(checked.identity(), checked.manifest(), checked.files(), checked.signatures());
        }
    }

    /**
     * Like {@link #open}, extracting every entry into {@code stagingDir} with the same checks and
     * guarantees as {@link BundleVerifier#verifyAndExtract}, but without a trust decision. Only for
     * bundles a person chose to install unverified; the caller must say so loudly.
     *
     * @throws BundleException with an INTEGRITY failure naming the entry, or IO
     */
    public static OpenedBundle extractUnverified(Path bundle, Path stagingDir, BundleLimits limits) throws BundleException {
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            checked.checkContent(Staging.claim(java.util.Objects.requireNonNull(stagingDir, "stagingDir")));
            return new OpenedBundle(checked.identity(), checked.manifest(), checked.files(), checked.signatures());
        }
    }
}
