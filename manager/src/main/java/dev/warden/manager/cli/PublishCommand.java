package dev.warden.manager.cli;

import dev.warden.manager.marketplace.Listings;
import dev.warden.registry.tuf.PublishResult;
import dev.warden.registry.tuf.TargetListing;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Add a signed bundle to a static signed repository.", "",
            "The bundle must carry a publisher signature and be intact. Its listing (id, version, description,",
            "permissions) goes into the signed metadata for search; the signed manifest inside the bundle",
            "stays the authority at install. A version cannot be published twice with different content."},
        footer = {"", "Example:", "  warden publish acme-weather-1.2.0.wpk --repo ./site --key keys/acme.key"})
final class PublishCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk", description = "The signed bundle.")
    Path bundle;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository folder (from 'warden repo init').")
    Path repo;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "The repository's metadata key.")
    Path keyFile;

    @Override
    int execute() throws Exception {
        SigningKey key = KeyFiles.read(keyFile);
        TargetListing listing = Listings.of(bundle);
        PublishResult result = TufRepository.publish(repo, key, bundle, listing, context().clock());
        if (result.alreadyPublished()) {
            out().printf("%s %s is already published with the same content; nothing changed.%n", listing.id(), listing.version());
        } else {
            out().printf("Published %s %s as %s (targets version %d).%n", listing.id(), listing.version(), result.targetPath(),
                    result.targetsVersion());
        }
        return ExitCode.OK;
    }
}
