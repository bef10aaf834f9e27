package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.signing.VerifiedFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a bundle came from, and what its listing promised. A marketplace listing is only a claim:
 * the signed manifest inside the bundle is the authority, and an install whose manifest names
 * another plugin or version than the listing is refused.
 *
 * @param source  recorded in the catalog and the audit log, e.g. {@code file:/tmp/x.wpk} or {@code marketplace:acme}
 * @param listed  the plugin and version the listing named, when the bundle came from a marketplace
 * @param signedFolder the signed Claude plugin folder (verified just before) that Warden made the unsigned bundle
 *                from: the folder's publisher signature is the bundle's, once the intake has checked that the
 *                bundle holds exactly the folder's verified files
 */
public record Provenance(String source, Optional<Listed> listed, Optional<VerifiedFolder> signedFolder) {

    private static final String MARKETPLACE_PREFIX = "marketplace:";
    private static final String MCPB_PREFIX = "mcpb:";

    /**
     * What a marketplace said the bundle holds.
     *
     * @param marketplaceAddedAt when the marketplace of that name was added: one added after a plugin was
     *                           installed from a marketplace of the same name is another marketplace
     */
    public record Listed(String marketplace, Instant marketplaceAddedAt, PluginId id, Version version) {
    }

    /** A bundle file the person named. */
    public static Provenance file(Path bundle) {
        return new Provenance("file:" + bundle.toAbsolutePath().normalize(), Optional.empty(), Optional.empty());
    }

    /** A bundle made from the MCPB bundle (Claude Desktop extension) file the person named. */
    public static Provenance mcpb(Path file) {
        return new Provenance(MCPB_PREFIX + file.toAbsolutePath().normalize(), Optional.empty(), Optional.empty());
    }

    /** @return whether {@code source} is an MCPB file's ({@link #mcpb}) */
    public static boolean isMcpb(String source) {
        return source.startsWith(MCPB_PREFIX);
    }

    /** A bundle the marketplace added at {@code addedAt} listed as {@code id} at {@code version}. */
    public static Provenance marketplace(String marketplace, Instant addedAt, PluginId id, Version version) {
        return marketplace(marketplace, addedAt, id, version, Optional.empty());
    }

    /** As {@link #marketplace(String, Instant, PluginId, Version)}, for a bundle made from {@code signedFolder}. */
    public static Provenance marketplace(String marketplace, Instant addedAt, PluginId id, Version version,
                                         Optional<VerifiedFolder> signedFolder) {
        return new Provenance(MARKETPLACE_PREFIX + marketplace, Optional.of(new Listed(marketplace, addedAt, id, version)),
                signedFolder);
    }

    /** The marketplace an installed plugin's recorded source names, if it came from one. */
    public static Optional<String> marketplaceOf(String source) {
        return source.startsWith(MARKETPLACE_PREFIX) ? Optional.of(source.substring(MARKETPLACE_PREFIX.length()))
                : Optional.empty();
    }
}
