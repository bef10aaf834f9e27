package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one metadata file lists about another ({@code meta} entries of the timestamp and snapshot).
 *
 * @param version the version the listed file must have
 * @param length  its exact size, when listed
 * @param hashes  its digests by algorithm, when listed (possibly empty)
 */
record MetaFile(long version, OptionalLong length, Map<String, String> hashes) {

    MetaFile {
        hashes = Collections.unmodifiableMap(new LinkedHashMap<>(hashes));
    }

    static MetaFile parse(JsonObject entry) throws TufException {
        long version = entry.number("version", 1);
        OptionalLong length = entry.optionalNumber("length", 1);
        Map<String, String> hashes = new LinkedHashMap<>();
        if (entry.map().get("hashes") != null) {
            JsonObject listed = entry.object("hashes");
            if (listed.map().isEmpty()) {
                throw listed.malformed("must list at least one hash when present");
            }
            for (String algorithm : listed.map().keySet()) {
                hashes.put(algorithm, listed.string(algorithm));
            }
        }
        return new MetaFile(version, length, hashes);
    }

    /** The fetch limit: the listed length, or {@code cap} when none is listed. */
    long limit(long cap) {
        return length.orElse(cap);
    }

    /**
     * @param file     the file these bytes came from
     * @param listedBy the file that lists this entry
     * @throws TufException ({@link TufException.Kind#MISMATCH}) for another length or digest, or hashes listed of
     *                      which Warden checks none (those it does not check are skipped)
     */
    void verify(byte[] bytes, String file, String listedBy) throws TufException {
        if (length.isPresent() && bytes.length != length.getAsLong()) {
            throw new TufException(TufException.Kind.MISMATCH, file + " is " + bytes.length + " bytes, but " + listedBy
                    + " lists " + length.getAsLong() + " bytes for it; " + Messages.ATTACK_ADVICE);
        }
        for (Map.Entry<String, String> hash : CheckedHashes.of(hashes, file, listedBy).entrySet()) {
            MessageDigest digest = Digests.forName(hash.getKey()).orElseThrow();
            String actual = HexFormat.of().formatHex(digest.digest(bytes));
            if (!Digests.sameHex(hash.getValue(), actual)) {
                throw new TufException(TufException.Kind.MISMATCH, file + " has " + hash.getKey() + " " + actual
                        + ", but " + listedBy + " lists " + hash.getValue() + " for it; " + Messages.ATTACK_ADVICE);
            }
        }
    }

    /** The JSON form the repository writer signs. */
    Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("version", version);
        length.ifPresent(l -> tree.put("length", l));
        if (!hashes.isEmpty()) {
            tree.put("hashes", new LinkedHashMap<String, Object>(hashes));
        }
        return tree;
    }
}
