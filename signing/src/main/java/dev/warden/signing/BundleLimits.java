package dev.warden.signing;

/**
 * Limits every bundle read or written must stay within. Checked while streaming: declared counts and
 * sizes before any data is read, actual inflated bytes the moment they pass the declared size.
 *
 * @param maxEntries entries in the archive (files, metadata and directory entries)
 * @param maxTotalBytes sum of the inflated sizes of all entries
 * @param maxEntryBytes inflated size of one entry
 * @param maxCompressionRatio inflated/compressed size of one entry; enforced on entries larger than
 *     {@link #RATIO_THRESHOLD_BYTES}, where a bomb pays off (tiny files compress absurdly well)
 * @param maxPathLength length of an entry name in UTF-8 bytes
 * @param maxDepth path segments of an entry name ({@code a/b/c} has depth 3)
 * @param maxMetadataBytes size of each of plugin.json, files.json and signature.json
 * @param maxNestedArchiveBytes size of a bundled jar, which is held in memory to be inspected
 */
public record BundleLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio,
                           int maxPathLength, int maxDepth, long maxMetadataBytes, long maxNestedArchiveBytes) {

    public static final long RATIO_THRESHOLD_BYTES = 1L << 20;
    public static final long DEFAULT_NESTED_ARCHIVE_BYTES = 64L << 20;

    public BundleLimits {
        positive(maxEntries, "maxEntries");
        positive(maxTotalBytes, "maxTotalBytes");
        positive(maxEntryBytes, "maxEntryBytes");
        positive(maxCompressionRatio, "maxCompressionRatio");
        positive(maxPathLength, "maxPathLength");
        positive(maxDepth, "maxDepth");
        positive(maxMetadataBytes, "maxMetadataBytes");
        positive(maxNestedArchiveBytes, "maxNestedArchiveBytes");
        if (maxEntryBytes >= 0xFFFF_FFFFL || maxTotalBytes >= 0xFFFF_FFFFL * 4) {
            throw new IllegalArgumentException("bundles are plain zip (no ZIP64): maxEntryBytes must stay below 4 GiB");
        }
    }

    /** The seven limits of the bundle format, with jars inspected up to 64 MiB (or maxEntryBytes if smaller). */
    public BundleLimits(int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxCompressionRatio,
                        int maxPathLength, int maxDepth, long maxMetadataBytes) {
        this(maxEntries, maxTotalBytes, maxEntryBytes, maxCompressionRatio, maxPathLength, maxDepth, maxMetadataBytes,
                Math.min(DEFAULT_NESTED_ARCHIVE_BYTES, maxEntryBytes));
    }

    /** 10,000 entries, 1 GiB in all, 512 MiB per entry, ratio 100, names of 255 bytes and 16 levels, 4 MiB metadata, 64 MiB jars. */
    public static BundleLimits defaults() {
        return new BundleLimits(10_000, 1L << 30, 512L << 20, 100, 255, 16, 4L << 20, DEFAULT_NESTED_ARCHIVE_BYTES);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
