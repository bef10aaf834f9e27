package dev.warden.signing;

import java.util.Objects;

/**
 * One signature of signature.json.
 *
 * @param keyId the key id as found (lowercase hex SHA-256 of the public key)
 * @param alg the algorithm, always {@code ed25519} once parsed
 * @param signature the 64 signature bytes
 */
public record BundleSignature(String keyId, String alg, byte[] signature) {

    public BundleSignature {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(alg, "alg");
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
