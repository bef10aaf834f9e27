package dev.warden.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One key of a trusted publisher, with the window in which its signatures count.
 *
 * @param publicKey the Ed25519 public key; its key id is {@link #keyId()}
 * @param notBefore signatures count from this instant
 * @param notAfter signatures count until this instant
 * @param revoked present once the key was revoked; a revoked key verifies nothing
 */
public record TrustedKey(Ed25519PublicKey publicKey, Instant notBefore, Instant notAfter, Optional<Revocation> revoked) {

    public TrustedKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(revoked, "revoked");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("key " + publicKey.keyId().shortForm()
                    + ": notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
    }

    public KeyId keyId() {
        return publicKey.keyId();
    }

    /** True when the key is not revoked and {@code now} lies in [notBefore, notAfter). */
    public boolean isValidAt(Instant now) {
        return revoked.isEmpty() && !now.isBefore(notBefore) && now.isBefore(notAfter);
    }

    public TrustedKey revoke(Revocation revocation) {
        return new TrustedKey(publicKey, notBefore, notAfter, Optional.of(revocation));
    }
}
