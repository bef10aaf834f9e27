package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verifies bundles against a set of trusted publishers, optionally extracting them.
 *
 * <p>Checks run cheapest first, and the first failing check is reported:
 * <ol>
 *   <li>structure, names and declared limits (MALFORMED_ARCHIVE, UNSAFE_ENTRY, LIMIT_EXCEEDED);</li>
 *   <li>metadata: plugin.json and files.json present (MISSING_ENTRY), files.json strict and matching
 *       the entries (UNLISTED_ENTRY, MISSING_ENTRY, CONTENT_MISMATCH on size), signature.json well formed
 *       (MALFORMED_SIGNATURE);</li>
 *   <li>trust, decided on the signed payload alone: no signature → UNSIGNED; otherwise the bundle passes
 *       if any signature passes, and else the most telling refusal among its signatures is reported:
 *       BAD_SIGNATURE (a known key whose signature does not verify: altered files.json or plugin
 *       identity, or a signature copied from another version or plugin) before NAMESPACE_VIOLATION
 *       before KEY_REVOKED before KEY_NOT_VALID_NOW before UNKNOWN_KEY;</li>
 *   <li>content: every entry streamed once and hashed against files.json, jars inspected
 *       (CONTENT_MISMATCH, LIMIT_EXCEEDED while streaming, UNSAFE_ENTRY).</li>
 * </ol>
 * Trust comes before content so that nothing from a bundle nobody trusts is inflated or written.
 */
public final class BundleVerifier {

    private final TrustedPublishers trust;
    private final Clock clock;
    private final BundleLimits limits;

    public BundleVerifier(TrustedPublishers trust, Clock clock, BundleLimits limits) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Verifies {@code bundle} without writing anything.
     *
     * @return the verified identity, publisher, key, manifest bytes and files
     * @throws BundleException the first failed check (see the class comment for the order)
     */
    public VerifiedBundle verify(Path bundle) throws BundleException {
        return check(bundle, null);
    }

    /**
     * Verifies {@code bundle} while extracting every entry into {@code stagingDir}, which must not
     * exist (its parent must) or be an empty folder. Nothing is written outside it; on any failure
     * everything written is deleted and {@code stagingDir} is left as it was. On success every file
     * and folder has been synced to disk.
     *
     * @throws BundleException as {@link #verify}, or IO if the staging folder is unusable
     */
    public VerifiedBundle verifyAndExtract(Path bundle, Path stagingDir) throws BundleException {
        return check(bundle, Objects.requireNonNull(stagingDir, "stagingDir"));
    }

    private VerifiedBundle check(Path bundle, Path stagingDir) throws BundleException {
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            Accepted accepted = decide(checked);
            Staging staging = stagingDir == null ? null : Staging.claim(stagingDir);
            checked.checkContent(staging);
            return new VerifiedBundle(checked.identity(), accepted.publisher(), accepted.key(), checked.manifest(),
                    checked.files());
        }
    }

    private record Accepted(TrustedPublisher publisher, TrustedKey key) {
    }

    private Accepted decide(CheckedBundle checked) throws BundleException {
        BundleIdentity identity = checked.identity();
        if (checked.signatures().isEmpty()) {
            throw new BundleException(Failure.UNSIGNED, checked.hasSignatureFile() ? EntryNames.SIGNATURE_JSON : null,
                    "bundle " + identity + " is not signed; ask its publisher for a signed bundle, or sign it with"
                            + " 'warden sign' if you are the publisher");
        }
        byte[] payload = checked.payload();
        Instant now = clock.instant();
        BundleException worst = null;
        for (BundleSignature signature : checked.signatures()) {
            KeyId keyId = new KeyId(signature.keyId());
            List<TrustedPublisher> holders = trust.holdersOf(keyId);
            if (holders.isEmpty()) {
                worst = worse(worst, BundleException.forKey(Failure.UNKNOWN_KEY, keyId.hex(), "bundle " + identity
                        + " is signed by key " + keyId.shortForm() + ", which no trusted publisher lists; if you trust"
                        + " publisher '" + identity.publisher() + "', check that its key fingerprint is "
                        + keyId.fingerprint() + " and add it with 'warden trust add " + identity.publisher() + ".pub.json'"));
                continue;
            }
            Ed25519PublicKey publicKey = holders.get(0).entry().key(keyId).orElseThrow().publicKey();
            if (!publicKey.verifies(payload, signature.signature())) {
                worst = worse(worst, BundleException.forKey(Failure.BAD_SIGNATURE, keyId.hex(), "the signature by key "
                        + keyId.shortForm() + " (publisher " + ids(holders) + ") does not verify for bundle " + identity
                        + ": the bundle was altered after signing or the signature was copied from another bundle;"
                        + " do not install it"));
                continue;
            }
            List<TrustedPublisher> covering = holders.stream().filter(p -> p.entry().covers(identity.publisher())).toList();
            if (covering.isEmpty()) {
                worst = worse(worst, BundleException.forKey(Failure.NAMESPACE_VIOLATION, keyId.hex(), "bundle "
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
            worst = worse(worst, refusal(covering, keyId, now, identity));
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

    private static BundleException refusal(List<TrustedPublisher> covering, KeyId keyId, Instant now,
                                           BundleIdentity identity) {
        for (TrustedPublisher p : covering) {
            TrustedKey key = p.entry().key(keyId).orElseThrow();
            if (key.revoked().isEmpty()) {
                return BundleException.forKey(Failure.KEY_NOT_VALID_NOW, keyId.hex(), "key " + keyId.shortForm()
                        + " of publisher '" + p.id() + "' is valid from " + key.notBefore() + " until "
                        + key.notAfter() + ", not now (" + now + "); check the system clock, or ask '" + p.id()
                        + "' for a bundle of " + identity.pluginId() + " signed with a current key");
            }
        }
        TrustedPublisher p = covering.get(0);
        Revocation revocation = p.entry().key(keyId).orElseThrow().revoked().orElseThrow();
        return BundleException.forKey(Failure.KEY_REVOKED, keyId.hex(), "key " + keyId.shortForm() + " of publisher '"
                + p.id() + "' was revoked at " + revocation.at() + " (" + EntryNames.printable(revocation.reason())
                + "); do not install " + identity + " — ask '" + p.id() + "' for a bundle signed with a current key");
    }

    private static final List<Failure> PRECEDENCE = List.of(Failure.BAD_SIGNATURE, Failure.NAMESPACE_VIOLATION,
            Failure.KEY_REVOKED, Failure.KEY_NOT_VALID_NOW, Failure.UNKNOWN_KEY);

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
