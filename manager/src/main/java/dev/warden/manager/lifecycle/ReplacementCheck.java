package dev.warden.manager.lifecycle;

import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.io.UnsafeCharacters;
import dev.warden.signing.KeyId;
import dev.warden.signing.TrustedPublisher;
import dev.warden.signing.TrustedPublishers;
import dev.warden.signing.VerifiedBundle;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a bundle may replace the installed plugin of the same id (install or update). An id alone
 * proves nothing about who made a bundle: a signed plugin is only replaced by a bundle its own publisher
 * signed, never by an unverified one, and no plugin is replaced by one from another marketplace.
 */
final class ReplacementCheck {

    private ReplacementCheck() {
    }

    /**
     * @throws RefusalException naming both sources when the bundle may not replace {@code installed}; the
     *     refusal is audited and nothing else is changed
     */
    static void check(Lifecycle lifecycle, InstalledPlugin installed, IntakeResult incoming, Optional<Provenance.Listed> listed)
            throws Exception {
        Optional<String> refusal = refusal(installed, incoming.verified(), incoming.source(), listed, lifecycle.trust().load());
        if (refusal.isPresent()) {
            lifecycle.record(AuditEvent.UPDATE_REFUSED, Optional.of(installed.id()), Map.of("version",
                    incoming.manifest().version().toString(), "source", incoming.source(), "reason", refusal.get()));
            throw new RefusalException(refusal.get());
        }
    }

    static Optional<String> refusal(InstalledPlugin installed, Optional<VerifiedBundle> verified, String source,
                                    Optional<Provenance.Listed> listed, TrustedPublishers trust) {
        Optional<String> installedMarketplace = Provenance.marketplaceOf(installed.source());
        Optional<String> marketplace = Provenance.marketplaceOf(source);
        String rule;
        if (installed.verified() && verified.isEmpty()) {
            rule = "a signed plugin is never replaced by an unverified one";
        } else if (installed.verified() && !samePublisher(installed, verified.get(), trust)) {
            rule = "a signed plugin is only replaced by a bundle its own publisher signed";
        } else if (installedMarketplace.isPresent() && marketplace.isPresent()
                && !installedMarketplace.get().equals(marketplace.get())) {
            rule = "a plugin is only replaced from the marketplace it was installed from";
        } else if (!installed.verified() && verified.isEmpty() && installedMarketplace.isPresent() != marketplace.isPresent()) {
            rule = "an unverified plugin has nothing but its source to show it is the same plugin, so it is only"
                    + " replaced from the source it was installed from";
        } else if (!installed.verified() && verified.isEmpty() && listed.isPresent()
                && listed.get().marketplaceAddedAt().isAfter(installed.updatedAt())) {
            rule = "marketplace " + listed.get().marketplace() + " was added again after " + installed.id()
                    + " was taken from a marketplace of that name, so it may be another one; an unverified plugin has"
                    + " nothing but its source to show it is the same plugin";
        } else {
            return Optional.empty();
        }
        return Optional.of(installed.id() + " is installed " + describe(installed, trust) + "; the bundle offered for it is "
                + describe(verified, source) + ". Not replaced: " + rule + ". Nothing was changed; to switch, remove "
                + installed.id() + " first ('warden remove " + installed.id() + "') and install the other one");
    }

    /**
     * The same publisher: one that holds the key the installed version was signed with (a rotated key of the
     * same publisher counts), or, when no trusted publisher holds that key any more, the id's own publisher.
     */
    private static boolean samePublisher(InstalledPlugin installed, VerifiedBundle verified, TrustedPublishers trust) {
        List<String> holders = signers(installed, trust);
        return holders.isEmpty() ? verified.publisher().id().equals(installed.id().publisher())
                : holders.contains(verified.publisher().id());
    }

    private static List<String> signers(InstalledPlugin installed, TrustedPublishers trust) {
        return installed.publisherKeyId().map(k -> trust.holdersOf(new KeyId(k)).stream().map(TrustedPublisher::id).toList())
                .orElse(List.of());
    }

    private static String describe(InstalledPlugin installed, TrustedPublishers trust) {
        if (!installed.verified()) {
            return "UNVERIFIED, from " + where(installed.source());
        }
        List<String> holders = signers(installed, trust);
        String key = installed.publisherKeyId().map(k -> new KeyId(k).shortForm()).orElse("unknown");
        return "signed by " + (holders.isEmpty() ? "a key no publisher you trust holds any more" : "publisher "
                + String.join(", ", holders)) + " (key " + key + "), from " + where(installed.source());
    }

    private static String describe(Optional<VerifiedBundle> verified, String source) {
        return verified.map(v -> "signed by publisher " + v.publisher().id() + " (key " + v.key().keyId().shortForm() + ")")
                .orElse("UNVERIFIED") + ", from " + where(source);
    }

    private static String where(String source) {
        return Provenance.marketplaceOf(source).map(m -> "marketplace " + m).orElse(UnsafeCharacters.escape(source));
    }
}
