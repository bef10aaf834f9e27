package dev.warden.registry.tuf;

/**
 * The cached targets file of a loaded trusted set, read only when something needs more than its bytes and the
 * version the verified snapshot lists for it: then its length and hashes are checked against that listing, its
 * header read and its version compared with the listing, as {@link TrustedMetadata#load} did before. An update
 * whose snapshot lists a new targets version replaces the file without hashing and tokenising 12 MB for nothing.
 */
final class CachedTargets {

    private final byte[] raw;
    private final String label;
    private final MetaFile listed;
    private final String listedBy;
    private TargetsMetadata read;

    /**
     * @param listed   the verified snapshot's entry for the file
     * @param listedBy names that snapshot in messages
     */
    CachedTargets(byte[] raw, String label, MetaFile listed, String listedBy) {
        this.raw = raw;
        this.label = label;
        this.listed = listed;
        this.listedBy = listedBy;
    }

    /** The version the verified snapshot lists; the file's own, once read, is checked to be the same. */
    long version() {
        return listed.version();
    }

    /** The file's bytes as cached (not a copy: never modify). */
    byte[] raw() {
        return raw;
    }

    /**
     * The file, checked as {@link TrustedMetadata#load} checks a cached one: the snapshot's length and hashes,
     * then (pinned by hash, so verified in full when it arrived) its header, and its version.
     *
     * @throws TufException when it fails one of those checks
     */
    synchronized TargetsMetadata read() throws TufException {
        if (read == null) {
            listed.verify(raw, label, listedBy);
            TargetsMetadata targets = TargetsMetadata.pinned(raw, label);
            TrustedMetadata.requireVersion(label, targets.version(), listed.version(), listedBy);
            read = targets;
        }
        return read;
    }
}
