package dev.warden.signing;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

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

    /**
     * True only when {@code signature} is a valid 64-byte Ed25519 signature of {@code message} by this key.
     *
     * <p>Checked by the JDK's Ed25519 (RFC 8032), not Bouncy Castle's: a command that verifies a few signatures
     * then saves loading Bouncy Castle's signed jar (the JVM checks its signature and every class's digest, about
     * 0.4 s of CPU, and no class of a signed jar can be in the start-up archive), and a large message (12 MB of
     * TUF targets) is hashed by the JDK's SHA-512 in place, where Bouncy Castle's signer copies it into a buffer,
     * hashes it in slower Java and zeroes the buffer after.
     */
    public boolean verifies(byte[] message, byte[] signature) {
        return verifies(message, 0, message.length, signature);
    }

    /**
     * Like {@link #verifies(byte[], byte[])} for the {@code length} bytes of {@code message} from {@code offset}: a
     * part of a large file (the {@code signed} object of 12 MB of TUF targets) is checked without a copy of it.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code message}
     */
    public boolean verifies(byte[] message, int offset, int length, byte[] signature) {
        java.util.Objects.checkFromIndexSize(offset, length, message.length);
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey());
            verifier.update(message, offset, length);
            return verifier.verify(signature);
        } catch (InvalidKeyException notAPoint) {
            // 32 bytes that are no point of the curve (found by fuzzing a TUF root): such a key signs nothing
            return false;
        } catch (SignatureException malformed) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (Java 15 and later have)", e);
        }
    }

    /** The key as the JDK holds it: y from the little-endian bytes, the top bit of the last one saying whether x is odd. */
    private PublicKey jdkKey() throws InvalidKeyException, NoSuchAlgorithmException {
        byte[] bigEndian = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[i] = raw[LENGTH - 1 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (InvalidKeySpecException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
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
