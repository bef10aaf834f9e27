package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one trust decision for everything Warden verifies by publisher signature — bundles and signed
 * Claude plugin folders: given the signed identity, the payload and its signatures, either the trusted
 * publisher and key that vouch for it, or the most telling refusal.
 *
 * <p>No signature → UNSIGNED. Otherwise the statement passes if any signature passes, and else the most
 * telling refusal among its signatures is reported: BAD_SIGNATURE (a known key whose signature does not
 * verify: altered file list or identity, or a signature copied from another version or plugin) before
 * NAMESPACE_VIOLATION before KEY_REVOKED before KEY_NOT_VALID_NOW before UNKNOWN_KEY.
 */
final class SignatureTrust {

    /** The publisher and key that vouch for a statement. */
    record Accepted(TrustedPublisher publisher, TrustedKey key) {
    }

    private static final List<Failure> PRECEDENCE = List.of(Failure.BAD_SIGNATURE, Failure.NAMESPACE_VIOLATION,
            Failure.KEY_REVOKED, Failure.KEY_NOT_VALID_NOW, Failure.UNKNOWN_KEY);

    private SignatureTrust() {
    }

    /**
     * @param subject        what was signed, in words: {@code bundle} or {@code plugin folder}
     * @param signatureEntry the file the signatures came from, named by an UNSIGNED refusal; null when there was none
     * @throws BundleException the most telling refusal when no signature passes
     */
    static Accepted decide(TrustedPublishers trust, Instant now, String subject, BundleIdentity identity, byte[] payload,
                           List<BundleSignature> signatures, String signatureEntry) throws BundleException {
        if (signatures.isEmpty()) {
            throw new BundleException(Failure.UNSIGNED, signatureEntry, subject + " " + identity + " is not signed;"
                    + " ask its publisher for a signed " + subject + ", or sign it with 'warden sign' if you are the publisher");
        }
        BundleException worst = null;
        for (BundleSignature signature : signatures) {
            KeyId keyId = new KeyId(signature.keyId());
            List<TrustedPublisher> holders = trust.holdersOf(keyId);
            if (holders.isEmpty()) {
                worst = worse(worst, BundleException.forKey(Failure.UNKNOWN_KEY, keyId.hex(), subject + " " + identity
                        + " is signed by key " + keyId.shortForm() + ", which no trusted publisher lists; if you trust"
                        + " publisher '" + identity.publisher() + "', check that its key fingerprint is "
                        + keyId.fingerprint() + " and add it with 'warden trust add " + identity.publisher() + ".pub.json'"));
                continue;
            }
            Ed25519PublicKey publicKey = holders.get(0).entry().key(keyId).orElseThrow().publicKey();
            if (!publicKey.verifies(payload, signature.signature())) {
                worst = worse(worst, BundleException.forKey(Failure.BAD_SIGNATURE, keyId.hex(), "the signature by key "
                        + keyId.shortForm() + " (publisher " + ids(holders) + ") does not verify for " + subject + " "
                        + identity + ": the " + subject + " was altered after signing or the signature was copied from"
                        + " another " + subject + "; do not install it"));
                continue;
            }
            List<TrustedPublisher> covering = holders.stream().filter(p -> p.entry().covers(identity.publisher())).toList();
            if (covering.isEmpty()) {
                worst = worse(worst, BundleException.forKey(Failure.NAMESPACE_VIOLATION, keyId.hex(), subject + " "
                        + identity + " claims publisher '" + identity.publisher() + "' but is signed by key "
                        + keyId.shortForm() + " of " + ids(holders) + ", whose namespaces ("
                        + holders.stream().flatMap(p -> p.entry().namespaces().stream()).distinct()
                                .collect(Collectors.joining(", "))
                        + ") do not include '" + identity.publisher() + "'; do not install it"));
                continue;
            }
            Optional<Accepted> accepted = accept(covering, keyId, now);
            if (accepted.isPresent()) {
                return accepted.get();
            }
            worst = worse(worst, refusal(covering, keyId, now, subject, identity));
        }
        throw worst;
    }

    /** The first covering holder (system folders first) whose copy of the key is valid now. */
    private static Optional<Accepted> accept(List<TrustedPublisher> covering, KeyId keyId, Instant now) {
        for (TrustSource source : List.of(TrustSource.SYSTEM, TrustSource.USER)) {
            for (TrustedPublisher p : covering) {
                TrustedKey key = p.entry().key(keyId).orElseThrow();
                if (p.source() == source && key.isValidAt(now)) {
                    return Optional.of(new Accepted(p, key));
                }
            }
        }
        return Optional.empty();
    }

    private static BundleException refusal(List<TrustedPublisher> covering, KeyId keyId, Instant now, String subject,
                                           BundleIdentity identity) {
        for (TrustedPublisher p : covering) {
            TrustedKey key = p.entry().key(keyId).orElseThrow();
            if (key.revoked().isEmpty()) {
                return BundleException.forKey(Failure.KEY_NOT_VALID_NOW, keyId.hex(), "key " + keyId.shortForm()
                        + " of publisher '" + p.id() + "' is valid from " + key.notBefore() + " until "
                        + key.notAfter() + ", not now (" + now + "); check the system clock, or ask '" + p.id()
                        + "' for a " + subject + " of " + identity.pluginId() + " signed with a current key");
            }
        }
        TrustedPublisher p = covering.get(0);
        Revocation revocation = p.entry().key(keyId).orElseThrow().revoked().orElseThrow();
        return BundleException.forKey(Failure.KEY_REVOKED, keyId.hex(), "key " + keyId.shortForm() + " of publisher '"
                + p.id() + "' was revoked at " + revocation.at() + " (" + EntryNames.printable(revocation.reason())
                + "); do not install " + identity + " — ask '" + p.id() + "' for a " + subject
                + " signed with a current key");
    }

    private static BundleException worse(BundleException a, BundleException b) {
        if (a == null) {
            return b;
        }
        return PRECEDENCE.indexOf(b.failure()) < PRECEDENCE.indexOf(a.failure()) ? b : a;
    }

    private static String ids(List<TrustedPublisher> holders) {
        return holders.stream().map(p -> "'" + p.id() + "'").collect(Collectors.joining(", "));
    }
}
