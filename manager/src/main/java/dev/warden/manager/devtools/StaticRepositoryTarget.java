package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.marketplace.Listings;
import dev.warden.registry.tuf.Expiries;
import dev.warden.registry.tuf.PublishResult;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleSigner;
import dev.warden.signing.BundleWriter;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Publishes a release into a static signed repository folder, as {@code warden pack}, {@code sign} and {@code publish}
 * would: the bundle is signed with the publisher's key, which also signs the targets metadata (the repository's own
 * key, or the publisher's delegated role); {@code repositoryKey}, when given, signs the snapshot and timestamp as
 * {@code warden publish --repo-key} does.
 */
public final class StaticRepositoryTarget implements ReleaseTarget {

    private final Path site;
    private final Optional<SigningKey> repositoryKey;
    private final Clock clock;

    /** @param site a folder made by {@code warden repo init} */
    public StaticRepositoryTarget(Path site, Optional<SigningKey> repositoryKey, Clock clock) {
        this.site = site.toAbsolutePath().normalize();
        this.repositoryKey = repositoryKey;
        this.clock = clock;
    }

    @Override
    public String publish(Path staged, PluginManifest manifest, SigningKey key) throws Exception {
        Path bundle = staged.resolveSibling(staged.getFileName() + ".wpk");
        try {
            BundleWriter.pack(staged, bundle, BundleLimits.defaults());
            BundleSigner.sign(bundle, key, BundleLimits.defaults());
            PublishResult result = TufRepository.publish(site, key, repositoryKey, bundle, Listings.of(bundle), clock,
                    Expiries.defaults());
            return result.alreadyPublished()
                    ? manifest.id() + " " + manifest.version() + " is already published in " + site + " with the same content; nothing changed"
                    : "Released " + manifest.id() + " " + manifest.version() + " to " + site + " as " + result.targetPath()
                            + " (metadata version " + result.targetsVersion() + ")";
        } finally {
            Files.deleteIfExists(bundle);
        }
    }
}
