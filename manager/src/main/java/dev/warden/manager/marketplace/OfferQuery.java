package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.UnsafeCharacters;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person names when they ask for an offered plugin: {@code ID}, {@code ID@VERSION}, Claude Code's
 * {@code NAME@MARKETPLACE}, or {@code NAME@MARKETPLACE@VERSION}. After the first {@code @}, a kebab-case word is a
 * marketplace (marketplace names are kebab-case) and anything else a version (versions have dots).
 *
 * @param idOrName    {@code publisher/name} or a bare name
 * @param marketplace the marketplace it must come from, when named
 * @param version     the version, when named
 */
public record OfferQuery(String idOrName, Optional<String> marketplace, Optional<Version> version) {

    public OfferQuery {
        Objects.requireNonNull(idOrName, "idOrName");
        Objects.requireNonNull(marketplace, "marketplace");
        Objects.requireNonNull(version, "version");
    }

    /**
     * @throws IllegalArgumentException naming the part that is neither a marketplace name nor a version
     */
    public static OfferQuery parse(String text) {
        String[] parts = text.split("@", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(invalid(text));
        }
        Optional<String> marketplace = Optional.empty();
        Optional<Version> version = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (i == 1 && isMarketplaceName(parts[i])) {
                marketplace = Optional.of(parts[i]);
            } else if (last) {
                try {
                    version = Optional.of(Version.parse(parts[i]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(invalid(text) + " (" + e.getMessage() + ")", e);
                }
            } else {
                throw new IllegalArgumentException(invalid(text));
            }
        }
        return new OfferQuery(parts[0], marketplace, version);
    }

    /** Marketplace names are kebab-case, as the publisher part of an id is ({@link MarketplaceNames}). */
    private static boolean isMarketplaceName(String part) {
        try {
            new PluginId(part, "x");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String invalid(String text) {
        return "'" + UnsafeCharacters.escape(text) + "' is not a plugin to install: write ID, ID@VERSION (a version such"
                + " as 1.2.0), NAME@MARKETPLACE (a marketplace you added) or NAME@MARKETPLACE@VERSION";
    }

    @Override
    public String toString() {
        return idOrName + marketplace.map(m -> "@" + m).orElse("") + version.map(v -> "@" + v).orElse("");
    }
}
