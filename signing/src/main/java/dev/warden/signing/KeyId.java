package dev.warden.signing;

import dev.warden.io.Digests;
import java.util.regex.Pattern;

/**
 * A key's identity: the lowercase hex SHA-256 of the raw 32-byte Ed25519 public key (DESIGN §3.2).
 *
 * @param hex 64 lowercase hex digits
 */
public record KeyId(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public KeyId {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key id is 64 lowercase hex digits, not '" + hex + "'");
        }
    }

    /** The key id of a raw Ed25519 public key. */
    public static KeyId of(byte[] rawPublicKey) {
        return new KeyId(Digests.sha256Hex(rawPublicKey));
    }

    /** The key id in groups of four hex digits, the form people compare by eye. */
    public String fingerprint() {
        StringBuilder out = new StringBuilder(80);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }

    /** The first 16 hex digits, for messages. */
    public String shortForm() {
        return hex.substring(0, 16);
    }

    @Override
    public String toString() {
        return hex;
    }
}
