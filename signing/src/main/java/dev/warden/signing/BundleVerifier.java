package dev.warden.signing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies bundles against a set of trusted publishers, optionally extracting them.
 *
 * <p>Checks run cheapest first, and the first failing check is reported:
 * <ol>
 *   <li>structure, names and declared limits (MALFORMED_ARCHIVE, UNSAFE_ENTRY, LIMIT_EXCEEDED);</li>
 *   <li>metadata: plugin.json and files.json present (MISSING_ENTRY), files.json strict and matching
 *       the entries (UNLISTED_ENTRY, MISSING_ENTRY, CONTENT_MISMATCH on size), signature.json well formed
 *       (MALFORMED_SIGNATURE);</li>
 *   <li>trust, decided on the signed payload alone by {@link SignatureTrust} (which also decides for signed
 *       Claude plugin folders): no signature → UNSIGNED; otherwise the bundle passes
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

    /**
     * What {@link #extractAllowingUnverified} extracted.
     *
     * @param opened   the bundle as checked against its files.json
     * @param verified the publisher's proof, empty when nobody trusted signed the bundle
     */
    public record Extracted(OpenedBundle opened, Optional<VerifiedBundle> verified) {
        public Extracted {
            Objects.requireNonNull(opened, "opened");
            Objects.requireNonNull(verified, "verified");
        }
    }

    /**
     * As {@link #verifyAndExtract}, except that a bundle whose only failure is that nobody trusted signed it
     * ({@link BundleException.Failure#UNSIGNED} or {@link BundleException.Failure#UNKNOWN_KEY}) is extracted all the
     * same, every entry checked against files.json as {@link BundleReader#extractUnverified} checks it, and returned
     * without a proof. The bundle is opened once for both the trust decision and the extraction.
     *
     * @throws BundleException any other failed check (a revoked or expired key, another publisher's key, a broken
     *     signature, a damaged entry), or IO if the staging folder is unusable
     */
    public Extracted extractAllowingUnverified(Path bundle, Path stagingDir) throws BundleException {
        Objects.requireNonNull(stagingDir, "stagingDir");
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            Optional<SignatureTrust.Accepted> accepted;
            try {
                accepted = Optional.of(decide(checked));
            } catch (BundleException e) {
                if (e.failure() != BundleException.Failure.UNSIGNED && e.failure() != BundleException.Failure.UNKNOWN_KEY) {
                    throw e;
                }
                accepted = Optional.empty();
            }
            checked.checkContent(Staging.claim(stagingDir));
            OpenedBundle opened = new OpenedBundle(checked.identity(), checked.manifest(), checked.files(), checked.signatures());
            return new Extracted(opened, accepted.map(a -> new VerifiedBundle(checked.identity(), a.publisher(), a.key(),
                    checked.manifest(), checked.files())));
        }
    }

    private VerifiedBundle check(Path bundle, Path stagingDir) throws BundleException {
        try (CheckedBundle checked = CheckedBundle.open(bundle, limits)) {
            SignatureTrust.Accepted accepted = decide(checked);
            Staging staging = stagingDir == null ? null : Staging.claim(stagingDir);
            checked.checkContent(staging);
            return new VerifiedBundle(checked.identity(), accepted.publisher(), accepted.key(), checked.manifest(),
                    checked.files());
        }
    }

    private SignatureTrust.Accepted decide(CheckedBundle checked) throws BundleException {
        return SignatureTrust.decide(trust, clock.instant(), "bundle", checked.identity(), checked.payload(),
                checked.signatures(), checked.hasSignatureFile() ? EntryNames.SIGNATURE_JSON : null);
    }
}
