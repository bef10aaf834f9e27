package dev.warden.registry.tuf;

import dev.warden.signing.CanonicalJson;
import dev.warden.signing.Ed25519PublicKey;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Ed25519 keys in TUF's form: {@code {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":"<hex>"}}},
 * identified by the hex SHA-256 of that object's canonical JSON (not Warden's bundle key id, which hashes the raw key).
 */
final class TufKeys {

    private TufKeys() {
    }

    static Map<String, Object> keyObject(Ed25519PublicKey key) {
        Map<String, Object> keyval = new LinkedHashMap<>();
        keyval.put("public", HexFormat.of().formatHex(key.raw()));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("keytype", "ed25519");
        object.put("scheme", "ed25519");
        object.put("keyval", keyval);
        return object;
    }

    static String keyId(Ed25519PublicKey key) {
        return Digests.sha256Hex(CanonicalJson.encode(keyObject(key)));
    }

    /**
     * The Ed25519 key a root lists under some key id, or empty for any other type or scheme, or a
     * malformed public value: such keys are ignored and never count towards a threshold.
     */
    static Optional<Ed25519PublicKey> parse(Object keyObject) {
        if (!(keyObject instanceof Map<?, ?> key)
                || !"ed25519".equals(key.get("keytype")) || !"ed25519".equals(key.get("scheme"))
                || !(key.get("keyval") instanceof Map<?, ?> keyval)
                || !(keyval.get("public") instanceof String hex) || hex.length() != 2 * Ed25519PublicKey.LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ed25519PublicKey.of(HexFormat.of().parseHex(hex)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
