package dev.warden.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an MCPB bundle's signature proved: nothing (unsigned), that the bytes are as a self-signed
 * certificate's holder signed them (self-signed, so nobody vouches for who that is), or that they are
 * as signed by a certificate whose chain ends at a trusted anchor.
 *
 * @param status what was proved
 * @param signer the signing certificate, empty only when unsigned
 * @param anchor where the chain ends ("the system CA store" or a trust-directory file), only when CHAINED
 * @since 0.1
 */
public record McpbSignature(Status status, Optional<Signer> signer, Optional<String> anchor) {

    public enum Status {
        /** No signature block: nothing says who made the bytes. */
        UNSIGNED,
        /** The signature verifies, by a certificate that vouches for itself and no anchor trusts. */
        SELF_SIGNED,
        /** The signature verifies and its certificate chains to a trusted anchor. */
        CHAINED
    }

    /**
     * @param subject           the certificate's subject, RFC 2253
     * @param issuer            its issuer, RFC 2253
     * @param sha256Fingerprint hex of the SHA-256 of its DER
     * @param notBefore         start of its validity
     * @param notAfter          end of its validity
     * @param signedAt          the signing time the signer claims, when the signature carries one
     */
    public record Signer(String subject, String issuer, String sha256Fingerprint, Instant notBefore, Instant notAfter,
                         Optional<Instant> signedAt) {
        public Signer {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            Objects.requireNonNull(signedAt, "signedAt");
        }
    }

    public McpbSignature {
        Objects.requireNonNull(status, "status");
        if (signer.isPresent() == (status == Status.UNSIGNED)) {
            throw new IllegalArgumentException("a signer goes with a signature, and only with one: " + status);
        }
        if (anchor.isPresent() != (status == Status.CHAINED)) {
            throw new IllegalArgumentException("an anchor goes with a chained signature, and only with one: " + status);
        }
    }

    static McpbSignature unsigned() {
        return new McpbSignature(Status.UNSIGNED, Optional.empty(), Optional.empty());
    }
}
