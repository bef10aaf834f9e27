package dev.warden.manager.imports;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.signing.PublisherEntry;

/**
 * The ids of unverified plugins (imported from git marketplaces and MCP Registries):
 * {@code unverified-<marketplace>/<name>}. No trusted publisher may sign for a namespace that starts
 * with {@code unverified-} ({@link PublisherEntry#UNVERIFIED_PREFIX}), so these ids can never be a
 * signed plugin's, whatever a marketplace is called; the gateway's {@code <publisher>_<name>__<tool>}
 * names stay unambiguous because the prefix is ordinary kebab-case.
 *
 * @since 0.1
 */
public final class UnverifiedNamespace {

    /** The longest marketplace name whose namespace still fits a publisher id (64 characters). */
    public static final int MAX_SOURCE_LENGTH = 64 - PublisherEntry.UNVERIFIED_PREFIX.length();

    private UnverifiedNamespace() {
    }

    /**
     * @param source the marketplace's name, kebab-case, at most {@link #MAX_SOURCE_LENGTH} characters
     * @return the publisher part of its plugins' ids, e.g. {@code unverified-team-tools}
     * @throws IllegalArgumentException if the result would not be a valid publisher id
     */
    public static String of(String source) {
        String publisher = PublisherEntry.UNVERIFIED_PREFIX + source;
        new PluginId(publisher, "x"); // validates: kebab-case, at most 64
        return publisher;
    }

    /**
     * @return the id of the plugin {@code name} of the marketplace {@code source}
     * @throws IllegalArgumentException if either part is not a valid id part
     */
    public static PluginId id(String source, String name) {
        return new PluginId(of(source), name);
    }
}
