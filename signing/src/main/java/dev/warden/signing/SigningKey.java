package dev.warden.signing;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A publisher's private Ed25519 key and the publisher id it signs for. The seed never leaves this
 * object except through {@link KeyFiles}, which writes it owner-readable only.
 */
public final class SigningKey {

    private final String publisher;
    private final byte[] seed;
    private final Ed25519PublicKey publicKey;
    private final boolean development;

    private SigningKey(String publisher, byte[] seed, boolean development) {
        this.publisher = publisher;
        this.seed = seed.clone();
        this.publicKey = Ed25519PublicKey.of(new Ed25519PrivateKeyParameters(this.seed, 0).generatePublicKey().getEncoded());
        this.development = development;
    }

    /** A new random key for {@code publisher}. */
    public static SigningKey generate(String publisher, SecureRandom random) {
        byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
        random.nextBytes(seed);
        return new SigningKey(publisher, seed, false);
    }

    /**
     * @throws IllegalArgumentException unless {@code seed} is 32 bytes
     */
    public static SigningKey fromSeed(String publisher, byte[] seed) {
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key seed is 32 bytes");
        }
        return new SigningKey(publisher, seed, false);
    }

    /**
     * @return this key marked as a development key: one {@code warden dev} made to sign the author's own builds, which
     *         only a development home trusts and {@code warden release} refuses
     */
    public SigningKey asDevelopmentKey() {
        return new SigningKey(publisher, seed, true);
    }

    /** @return whether this is a development key ({@link #asDevelopmentKey}); false for a publisher's real key */
    public boolean development() {
        return development;
    }

    public String publisher() {
        return publisher;
    }

    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    public KeyId keyId() {
        return publicKey.keyId();
    }

    /** The 64-byte Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    byte[] seed() {
        return seed.clone();
    }

    @Override
    public String toString() {
        return "SigningKey[" + publisher + ", " + keyId().shortForm() + (development ? ", development" : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other && publisher.equals(other.publisher) && Arrays.equals(seed, other.seed)
                && development == other.development;
    }

    @Override
    public int hashCode() {
        return publisher.hashCode() * 31 + publicKey.hashCode();
    }
}
