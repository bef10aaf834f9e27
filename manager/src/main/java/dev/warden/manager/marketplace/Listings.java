package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.registry.tuf.TargetListing;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleReader;
import dev.warden.signing.OpenedBundle;
import java.nio.file.Path;
import java.util.List;

/** The listing a static repository publishes for a bundle, taken from its manifest. */
public final class Listings {

    private Listings() {
    }

    /**
     * Opens {@code bundle} (structure and every byte against files.json) and describes it.
     *
     * @throws BundleException     when the bundle is damaged
     * @throws MarketplaceProblem  when it is unsigned, or its manifest does not match its signed identity
     */
    public static TargetListing of(Path bundle) throws BundleException, MarketplaceProblem {
        OpenedBundle opened = BundleReader.open(bundle, BundleLimits.defaults());
        if (opened.signatures().isEmpty()) {
            throw new MarketplaceProblem(bundle + " is not signed; sign it first with 'warden sign " + bundle
                    + " --key YOUR.key' (a marketplace only serves publisher-signed bundles)");
        }
        PluginManifest manifest;
        try {
            manifest = ManifestParser.standard().parse(opened.manifestBytes());
        } catch (ManifestException e) {
            throw new MarketplaceProblem(bundle + ": plugin.json is not a valid manifest:\n" + e.getMessage());
        }
        BundleIdentity identity = opened.identity();
        if (!identity.pluginId().equals(manifest.id().toString()) || !identity.version().equals(manifest.version().toString())) {
            throw new MarketplaceProblem(bundle + ": the signature covers " + identity.pluginId() + " " + identity.version()
                    + " but plugin.json says " + manifest.id() + " " + manifest.version());
        }
        List<ListedPermission> permissions = manifest.permissions().stream().map(Listings::listed).toList();
        return new TargetListing(manifest.id().toString(), manifest.name(), manifest.version().toString(),
                manifest.description().orElse(""), manifest.keywords(), manifest.publisher(), permissions);
    }

    private static ListedPermission listed(Permission p) {
        return new ListedPermission(p.kind().id(), p.scope(), p.risk().level(), p.optional());
    }
}
