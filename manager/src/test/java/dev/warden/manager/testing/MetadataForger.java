package dev.warden.manager.testing;

import dev.warden.io.Digests;
import dev.warden.signing.CanonicalJson;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites a repository's TUF metadata the way an attacker holding (or not holding) keys would:
 * change the {@code signed} part, then sign it again with any keys. For tests of what the client refuses.
 */
public final class MetadataForger {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private MetadataForger() {
    }

    /** The metadata file as a mutable tree. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws Exception {
        return MAPPER.readValue(Files.readAllBytes(file), LinkedHashMap.class);
    }

    /** The {@code signed} part of a metadata tree. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> signed(Map<String, Object> metadata) {
        return (Map<String, Object>) metadata.get("signed");
    }

    /** Changes {@code signed} and signs it with {@code keys}, replacing all signatures. */
    public static byte[] resign(Map<String, Object> metadata, Consumer<Map<String, Object>> change, SigningKey... keys) {
        Map<String, Object> signed = signed(metadata);
        change.accept(signed);
        byte[] payload = CanonicalJson.encode(numbersAsLongs(signed));
        List<Map<String, Object>> signatures = new ArrayList<>();
        for (SigningKey key : keys) {
            signatures.add(Map.of("keyid", keyId(key), "sig", HexFormat.of().formatHex(key.sign(payload))));
        }
        metadata.put("signatures", signatures);
        return CanonicalJson.encode(numbersAsLongs(metadata));
    }

    /** The TUF key object of {@code key}. */
    public static Map<String, Object> keyObject(SigningKey key) {
        Map<String, Object> keyval = new LinkedHashMap<>();
        keyval.put("public", HexFormat.of().formatHex(key.publicKey().raw()));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("keytype", "ed25519");
        object.put("scheme", "ed25519");
        object.put("keyval", keyval);
        return object;
    }

    /** The TUF key id: hex SHA-256 of the key object's canonical JSON. */
    public static String keyId(SigningKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CanonicalJson.encode(keyObject(key))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex SHA-256 of bytes, as TUF meta hashes are written. */
    public static String sha256(byte[] bytes) throws Exception {
        return Digests.sha256Hex(bytes);
    }

    @SuppressWarnings("unchecked")
    private static Object numbersAsLongs(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, numbersAsLongs(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(MetadataForger::numbersAsLongs).toList();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }
}
