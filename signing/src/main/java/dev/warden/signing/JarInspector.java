package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Inspects a jar carried by a bundle without expanding it: the jar's own zip structure must pass the
 * same strict checks, it must hold no native library, and its manifest must not reach other jars
 * through {@code Class-Path}. Archives inside the jar are never opened (class loaders do not open
 * them either).
 */
final class JarInspector {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final String CLASS_PATH = "class-path:";

    private JarInspector() {
    }

    /** @throws BundleException naming {@code jarName!/inner} for the first problem found */
    static void inspect(byte[] jar, String jarName, BundleLimits limits) throws BundleException {
        String prefix = jarName + "!/";
        ByteSource source = ByteSource.of(jar);
        ZipDirectory directory = ZipDirectory.readNested(source, prefix, limits);
        ZipEntryRecord manifest = null;
        for (ZipEntryRecord entry : directory.entries()) {
            if (entry.name().toUpperCase(Locale.ROOT).equals(MANIFEST)) {
                if (manifest != null) {
                    throw new BundleException(Failure.UNSAFE_ENTRY, prefix + entry.name(), "jar '" + jarName
                            + "' holds two manifests ('" + manifest.name() + "' and '" + entry.name() + "')");
                }
                manifest = entry;
            }
        }
        if (manifest == null) {
            return;
        }
        String label = prefix + manifest.name();
        if (manifest.size() > limits.maxMetadataBytes()) {
            throw new BundleException(Failure.LIMIT_EXCEEDED, label, "the manifest of jar '" + jarName + "' is "
                    + manifest.size() + " bytes, above the limit of " + limits.maxMetadataBytes());
        }
        byte[] text = EntryStreamer.readAll(source, manifest, label);
        if (hasClassPath(text)) {
            throw new BundleException(Failure.UNSAFE_ENTRY, label, "jar '" + jarName
                    + "' has a Class-Path in its manifest, which would load code from outside the plugin; remove it"
                    + " and bundle the jars it names under lib/");
        }
    }

    /** True when a header line (not a continuation) of the manifest is {@code Class-Path:}, in any case. */
    static boolean hasClassPath(byte[] manifest) {
        String text = new String(manifest, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n|\r|\n")) {
            if (line.regionMatches(true, 0, CLASS_PATH, 0, CLASS_PATH.length())) {
                return true;
            }
        }
        return false;
    }
}
