package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Succinct hash bins (TAP 15): {@code 2^bitLength} roles named {@code <prefix>-<hex bin>}, sharing one
 * set of keys; a target belongs to the bin given by the first {@code bitLength} bits of its path's SHA-256.
 *
 * @param keys       key ids and threshold every bin uses
 * @param bitLength  1 to 32
 * @param namePrefix the bins' name prefix
 */
record SuccinctRoles(Role keys, int bitLength, String namePrefix) {

    SuccinctRoles {
        if (bitLength < 1 || bitLength > 32) {
            throw new IllegalArgumentException("bit_length must be from 1 to 32, not " + bitLength);
        }
    }

    /** The bin that may sign {@code targetPath}, as a terminating delegated role. */
    DelegatedRole roleFor(String targetPath) {
        MessageDigest sha256 = Digests.forName("sha256").orElseThrow();
        long first = Integer.toUnsignedLong(ByteBuffer.wrap(sha256.digest(targetPath.getBytes(StandardCharsets.UTF_8))).getInt());
        long bin = first >>> (32 - bitLength);
        int digits = (bitLength + 3) / 4;
        String suffix = String.format("%0" + digits + "x", bin);
        // Chosen by the hash already: the bin needs no patterns of its own.
        return new DelegatedRole(namePrefix + "-" + suffix, keys, true, List.of(), List.of());
    }
}
