package dev.warden.manager.cli;

import dev.warden.manager.marketplace.Listings;
import dev.warden.registry.tuf.Expiries;
import dev.warden.registry.tuf.PublishResult;
import dev.warden.registry.tuf.TargetListing;
import dev.warden.registry.tuf.TufRepository;
import dev.warden.signing.Ed25519PublicKey;
import dev.warden.signing.KeyFiles;
import dev.warden.signing.PublisherEntries;
import dev.warden.signing.PublisherEntry;
import dev.warden.signing.SigningKey;
import dev.warden.signing.TrustedKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Add a signed bundle to a static signed repository, or give a publisher a role of its own.", "",
            "The bundle must carry a publisher signature and be intact. Its listing (id, version, description,",
            "permissions) goes into the signed metadata for search; the signed manifest inside the bundle",
            "stays the authority at install. A version cannot be published twice with different content.", "",
            "With --delegate, the repository's key delegates the paths PUBLISHER/... to the publisher's own key",
            "(from its directory entry, FILE.pub.json): the marketplace vouches for the publisher without holding",
            "its key, and that key can sign no other publisher's paths. The publisher then publishes with its own",
            "key; --repo-key (the repository's key) also signs the snapshot and timestamp, else the operator's",
            "next 'warden repo refresh' does."},
        footer = {"", "Examples:", "  warden publish acme-weather-1.2.0.wpk --repo ./site --key keys/acme-market.key",
            "  warden publish --delegate acme --publisher-key keys/acme.pub.json --repo ./site --key keys/acme-market.key",
            "  warden publish acme-weather-1.2.0.wpk --repo ./site --key keys/acme.key --repo-key keys/acme-market.key"})
final class PublishCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE.wpk", arity = "0..1", description = "The signed bundle.")
    Path bundle;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository folder (from 'warden repo init').")
    Path repo;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE",
            description = "The repository's metadata key, or the key of the publisher's delegated role.")
    Path keyFile;

    @Option(names = "--delegate", paramLabel = "PUBLISHER", description = "Give PUBLISHER a delegated role for its paths.")
    String delegate;

    @Option(names = "--publisher-key", paramLabel = "FILE.pub.json", description = "With --delegate: the publisher's directory entry.")
    Path publisherEntry;

    @Option(names = "--repo-key", paramLabel = "KEYFILE",
            description = "When publishing with a publisher's key: the repository's key, to sign the snapshot and timestamp.")
    Path repoKeyFile;

    @Override
    int execute() throws Exception {
        if ((bundle == null) == (delegate == null)) {
            throw new CommandException(ExitCode.USAGE, "give either a bundle to publish or --delegate PUBLISHER");
        }
        if (delegate == null && publisherEntry != null) {
            throw new CommandException(ExitCode.USAGE, "--publisher-key goes with --delegate PUBLISHER");
        }
        if (delegate != null && repoKeyFile != null) {
            throw new CommandException(ExitCode.USAGE, "--repo-key goes with publishing a bundle; with --delegate, --key is"
                    + " the repository's key");
        }
        SigningKey key = KeyFiles.read(keyFile);
        if (delegate != null) {
            return delegate(key);
        }
        TargetListing listing = Listings.of(bundle);
        Optional<SigningKey> repoKey = repoKeyFile == null ? Optional.empty() : Optional.of(KeyFiles.read(repoKeyFile));
        PublishResult result = TufRepository.publish(repo, key, repoKey, bundle, listing, context().clock(),
                Expiries.defaults());
        if (result.alreadyPublished()) {
            out().printf("%s %s is already published with the same content; nothing changed.%n", listing.id(), listing.version());
        } else {
            out().printf("Published %s %s as %s (metadata version %d).%n", listing.id(), listing.version(), result.targetPath(),
                    result.targetsVersion());
        }
        return ExitCode.OK;
    }

    private int delegate(SigningKey key) throws Exception {
        if (publisherEntry == null) {
            throw new CommandException(ExitCode.USAGE, "--delegate needs --publisher-key FILE.pub.json (the publisher's"
                    + " directory entry, from 'warden keys generate')");
        }
        PublisherEntry entry = PublisherEntries.read(publisherEntry);
        if (!entry.id().equals(delegate)) {
            throw new CommandException(ExitCode.USAGE, publisherEntry + " is the entry of '" + entry.id() + "', not of '"
                    + delegate + "'");
        }
        List<Ed25519PublicKey> keys = entry.keys().stream().filter(k -> k.revoked().isEmpty())
                .map(TrustedKey::publicKey).toList();
        long version;
        try {
            version = TufRepository.delegate(repo, key, delegate, keys, context().clock(), Expiries.defaults());
        } catch (IllegalArgumentException e) {
            throw new CommandException(ExitCode.USAGE, e.getMessage());
        }
        out().printf("Delegated %s/... to publisher %s (%d key%s; targets version %d).%n", delegate, delegate, keys.size(),
                keys.size() == 1 ? "" : "s", version);
        out().println("Next, the publisher: warden publish FILE.wpk --repo " + repo + " --key " + delegate + ".key");
        return ExitCode.OK;
    }
}
