package dev.warden.signing;

import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A raw 32-byte Ed25519 public key. Immutable. */
public final class Ed25519PublicKey {

    public static final int LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    private final byte[] raw;
    private final KeyId keyId;

    private Ed25519PublicKey(byte[] raw) {
        this.raw = raw.clone();
        this.keyId = KeyId.of(this.raw);
    }

    /**
     * @throws IllegalArgumentException unless {@code raw} is 32 bytes
     */
    public static Ed25519PublicKey of(byte[] raw) {
        if (raw == null || raw.length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not "
                    + (raw == null ? "nothing" : raw.length + " bytes"));
        }
        return new Ed25519PublicKey(raw);
    }

    /**
     * Parses the standard base64 of the 32 raw bytes.
     *
     * @throws IllegalArgumentException for bad base64 or a wrong length
     */
    public static Ed25519PublicKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("public key is not standard base64: " + e.getMessage(), e);
        }
        return of(raw);
    }

    public KeyId keyId() {
        return keyId;
    }

    public byte[] raw() {
        return raw.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** True only when {@code signature} is a valid 64-byte Ed25519 signature of {@code message} by this key. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(raw, 0);
        } catch (IllegalArgumentException notAPoint) {
            // 32 bytes that are no point of the curve (found by fuzzing a TUF root): such a key signs nothing
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[" + keyId.shortForm() + "]";
    }
}
