package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.review.LookAlikes;
import dev.warden.io.UnsafeCharacters;
import java.util.List;
import java.util.Map;

/**
 * Marketplace names: kebab-case, because a git or MCP Registry marketplace's name becomes part of the
 * publisher of its (unverified) plugins' ids, {@code unverified-<name>/<plugin>}; and never one a person
 * could mistake for a publisher they trust, a name their policy reserves or another marketplace.
 */
final class MarketplaceNames {

    private MarketplaceNames() {
    }

    static void check(String name) throws MarketplaceProblem {
        try {
            new PluginId(name, "x");
            UnverifiedNamespace.of(name);
        } catch (IllegalArgumentException e) {
            throw new MarketplaceProblem("marketplace name '" + UnsafeCharacters.escape(name)
                    + "' must be kebab-case (lowercase letters, digits and '-', at most " + UnverifiedNamespace.MAX_SOURCE_LENGTH
                    + "), e.g. acme-tools");
        }
    }

    /**
     * Refuses a name that equals or looks like (case, accents, look-alike letters and digits, separators,
     * one edit) a name already in use.
     *
     * @param taken each name in use, with what it is for the message (e.g. "a publisher you trust"), in the
     *              order to report them
     * @throws RefusalException naming the new name and the first name in use it could be mistaken for
     */
    static void refuseConfusable(String name, Map<String, String> taken) throws RefusalException {
        for (Map.Entry<String, String> other : taken.entrySet()) {
            boolean same = other.getKey().equals(name);
            if (same || !LookAlikes.of(name, List.of(other.getKey())).isEmpty()) {
                throw new RefusalException("marketplace name '" + visible(name) + "' is refused: it "
                        + (same ? "is" : "looks like") + " '" + visible(other.getKey()) + "', " + other.getValue()
                        + ". A marketplace must not be mistakable for a trusted publisher, a reserved name or another"
                        + " marketplace; nothing was added, choose a name that cannot be mistaken for it");
            }
        }
    }

    /** The name with every character outside printable ASCII escaped, so a twin letter shows as what it is. */
    private static String visible(String name) {
        String shown = name.substring(0, name.offsetByCodePoints(0, Math.min(200, name.codePointCount(0, name.length()))));
        return UnsafeCharacters.escape(shown, cp -> cp < 0x20 || cp >= 0x7F);
    }
}
