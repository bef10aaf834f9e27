package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import dev.warden.signing.CanonicalJson;
import dev.warden.signing.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public keys in TUF's form, {@code {"keytype":..,"scheme":..,"keyval":{"public":..}}}, identified by
 * the hex SHA-256 of that object's canonical JSON (not Warden's bundle key id, which hashes the raw key).
 * Warden writes Ed25519 keys (hex); it checks those and the RSA and ECDSA schemes that
 * securesystemslib writes (PEM public keys), so that repositories made by other TUF tools work.
 */
final class TufKeys {

    private static final int MIN_RSA_BITS = 2048;

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
     * The key metadata lists under some key id, or empty for an unknown type or scheme, or a malformed
     * public value: such keys are ignored and never count towards a threshold.
     */
    static Optional<VerificationKey> parse(Object keyObject) {
        if (!(keyObject instanceof Map<?, ?> key) || !(key.get("keytype") instanceof String type)
                || !(key.get("scheme") instanceof String scheme)
                || !(key.get("keyval") instanceof Map<?, ?> keyval) || !(keyval.get("public") instanceof String value)) {
            return Optional.empty();
        }
        try {
            switch (scheme) {
                case "ed25519":
                    if (!type.equals("ed25519") || value.length() != 2 * Ed25519PublicKey.LENGTH) {
                        return Optional.empty();
                    }
                    return Optional.of(new VerificationKey.Ed25519(Ed25519PublicKey.of(HexFormat.of().parseHex(value))));
                case "rsassa-pss-sha256":
                    return rsa(type, value).map(k -> new VerificationKey.Jca(scheme, "RSASSA-PSS", List.of(
                            pss(32), pss(((RSAPublicKey) k).getModulus().bitLength() / 8 - 32 - 2)), k));
                case "rsa-pkcs1v15-sha256":
                    return rsa(type, value).map(k -> new VerificationKey.Jca(scheme, "SHA256withRSA", List.of(), k));
                case "ecdsa-sha2-nistp256":
                    if (!type.equals("ecdsa") && !type.equals("ecdsa-sha2-nistp256")) {
                        return Optional.empty();
                    }
                    PublicKey ec = pem("EC", value);
                    if (!(ec instanceof ECPublicKey p) || p.getParams().getCurve().getField().getFieldSize() != 256) {
                        return Optional.empty();
                    }
                    return Optional.of(new VerificationKey.Jca(scheme, "SHA256withECDSA", List.of(), ec));
                default:
                    return Optional.empty();
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** Signers salt with the digest length (securesystemslib) or the most that fits (some HSMs); both are valid PSS. */
    private static PSSParameterSpec pss(int saltLength) {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1);
    }

    private static Optional<PublicKey> rsa(String type, String value) throws GeneralSecurityException {
        if (!type.equals("rsa")) {
            return Optional.empty();
        }
        PublicKey key = pem("RSA", value);
        return key instanceof RSAPublicKey r && r.getModulus().bitLength() >= MIN_RSA_BITS ? Optional.of(key)
                : Optional.empty();
    }

    /** A {@code -----BEGIN PUBLIC KEY-----} block (SubjectPublicKeyInfo). */
    private static PublicKey pem(String algorithm, String pem) throws GeneralSecurityException {
        String body = pem.strip();
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        if (!body.startsWith(begin) || !body.endsWith(end)) {
            throw new IllegalArgumentException("not a PEM public key");
        }
        byte[] der = Base64.getMimeDecoder().decode(body.substring(begin.length(), body.length() - end.length()));
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }
}
