package dev.warden.registry.fetch;

import dev.warden.catalog.manifest.UnsafeCharacters;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hashes a stream under the names TUF uses ({@code sha256}, {@code sha512}), giving lowercase hex. */
final class Digests {

    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha256", "SHA-256",
            "sha384", "SHA-384",
            "sha512", "SHA-512");

    private final Map<String, MessageDigest> digests = new LinkedHashMap<>();

    /** @throws IllegalArgumentException for a name other than sha256, sha384 or sha512 */
    Digests(List<String> algorithms) {
        for (String name : algorithms) {
            String jca = JCA_NAMES.get(name.toLowerCase(Locale.ROOT));
            if (jca == null) {
                throw new IllegalArgumentException("unsupported hash algorithm \"" + UnsafeCharacters.escape(name)
                        + "\"; Warden knows " + String.join(", ", JCA_NAMES.keySet().stream().sorted().toList()));
            }
            try {
                digests.put(name, MessageDigest.getInstance(jca));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jca + " is missing from this Java runtime", e);
            }
        }
    }

    /** Hashes the remaining bytes without moving the buffer's position. */
    void update(ByteBuffer bytes) {
        for (MessageDigest digest : digests.values()) {
            digest.update(bytes.duplicate());
        }
    }

    /** The digests so far, by the names asked for; call once, at the end. */
    Map<String, String> hex() {
        Map<String, String> out = new LinkedHashMap<>();
        digests.forEach((name, digest) -> out.put(name, HexFormat.of().formatHex(digest.digest())));
        return Map.copyOf(out);
    }
}
