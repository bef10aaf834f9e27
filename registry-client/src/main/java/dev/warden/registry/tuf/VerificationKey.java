package dev.warden.registry.tuf;

import dev.warden.signing.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A public key that metadata lists for a role, in a scheme Warden can check. Two keys are equal when
 * they are the same key in the same scheme, whatever key ids they are listed under, so that a
 * threshold counts each key once.
 */
sealed interface VerificationKey permits VerificationKey.Ed25519, VerificationKey.Jca {

    /** True only when {@code signature} is a valid signature of {@code message} by this key. */
    default boolean verifies(byte[] message, byte[] signature) {
        return verifies(message, 0, message.length, signature);
    }

    /**
     * Like {@link #verifies(byte[], byte[])} for the {@code length} bytes of {@code message} from {@code offset},
     * without a copy of them.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code message}
     */
    boolean verifies(byte[] message, int offset, int length, byte[] signature);

    /** The Ed25519 key, if this is one. */
    default Optional<Ed25519PublicKey> ed25519() {
        return Optional.empty();
    }

    /** {@code ed25519}: checked with Bouncy Castle, the fastest here. */
    record Ed25519(Ed25519PublicKey key) implements VerificationKey {
        @Override
        public boolean verifies(byte[] message, int offset, int length, byte[] signature) {
            return key.verifies(message, offset, length, signature);
        }

        @Override
        public Optional<Ed25519PublicKey> ed25519() {
            return Optional.of(key);
        }

        // Written out rather than left to the record: its generated equals and hashCode are bootstrapped by
        // invokedynamic (java.lang.runtime.ObjectMethods), tens of milliseconds of method-handle spinning at the
        // first signature count of a cold process.
        @Override
        public boolean equals(Object other) {
            return other instanceof Ed25519 ed25519 && key.equals(ed25519.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    /**
     * An RSA or ECDSA key checked with the JDK.
     *
     * @param scheme    the TUF scheme, e.g. {@code rsassa-pss-sha256}
     * @param algorithm the JCA signature algorithm
     * @param params    parameter sets any of which is accepted (PSS salt lengths differ between signers);
     *                  empty when the algorithm takes none
     * @param key       the key
     */
    record Jca(String scheme, String algorithm, List<AlgorithmParameterSpec> params, PublicKey key)
            implements VerificationKey {

        public Jca {
            params = List.copyOf(params);
        }

        @Override
        public boolean verifies(byte[] message, int offset, int length, byte[] signature) {
            java.util.Objects.checkFromIndexSize(offset, length, message.length);
            if (params.isEmpty()) {
                return verifies(message, offset, length, signature, null);
            }
            for (AlgorithmParameterSpec spec : params) {
                if (verifies(message, offset, length, signature, spec)) {
                    return true;
                }
            }
            return false;
        }

        private boolean verifies(byte[] message, int offset, int length, byte[] signature, AlgorithmParameterSpec spec) {
            try {
                Signature verifier = Signature.getInstance(algorithm);
                if (spec != null) {
                    verifier.setParameter(spec);
                }
                verifier.initVerify(key);
                verifier.update(message, offset, length);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false; // a malformed signature is simply not a valid one
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Jca jca && scheme.equals(jca.scheme)
                    && Arrays.equals(key.getEncoded(), jca.key.getEncoded());
        }

        @Override
        public int hashCode() {
            return scheme.hashCode() * 31 + Arrays.hashCode(key.getEncoded());
        }
    }
}
