package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.AtomicFiles;
import dev.warden.io.Beside;
import dev.warden.io.FolderSwap;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Progress;
import dev.warden.registry.tuf.RefreshResult;
import dev.warden.registry.tuf.TargetEntry;
import dev.warden.registry.tuf.TargetListing;
import dev.warden.registry.tuf.TrustedMetadata;
import dev.warden.registry.tuf.TufClient;
import dev.warden.registry.tuf.TufLimits;
import dev.warden.signing.Ed25519PublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A static signed repository (TUF metadata over http(s) or a folder). The cache folder holds the
 * verified metadata set in {@code metadata/}, with the offers derived from it, swapped as a whole.
 */
final class StaticRepositorySource implements MarketplaceSource {

    static final String METADATA = "metadata";
    private static final String ROOT = "root.json";
    private static final String TIMESTAMP = "timestamp.json";
    private static final String TIMESTAMP_ETAG = "timestamp.etag";

    private final String name;
    private final Fetcher fetcher;
    private final Clock clock;
    private final Progress progress;
    private final TufLimits limits = TufLimits.defaults();

    StaticRepositorySource(String name, Fetcher fetcher, Clock clock, Progress progress) {
        this.name = name;
        this.fetcher = fetcher;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public List<String> introduce(Path dir) throws Exception {
        FetchedBytes root = fetcher.fetch(ROOT, limits.maxRootBytes(), Optional.empty());
        TrustedMetadata trusted = TrustedMetadata.bootstrap(root.bytes());
        Path metadata = dir.resolve(METADATA);
        Files.createDirectories(metadata.getParent());
        trusted.save(metadata);
        List<String> lines = new ArrayList<>();
        lines.add("Signed repository at " + fetcher.location());
        lines.add("Its metadata is signed by " + trusted.rootThreshold() + " of these root keys (root version "
                + trusted.rootVersion() + "):");
        for (Ed25519PublicKey key : trusted.rootKeys()) {
            lines.add("  " + key.keyId().fingerprint());
        }
        lines.add("Compare the fingerprint with one the marketplace's operator published somewhere you trust.");
        lines.add("Bundles from it are still checked against the publishers you trust.");
        return lines;
    }

    @Override
    public RefreshReport refresh(Path dir) throws Exception {
        Path metadata = dir.resolve(METADATA);
        FolderSwap.recover(metadata);
        TrustedMetadata current = TrustedMetadata.load(metadata);
        RevalidatingFetcher revalidating = new RevalidatingFetcher(fetcher, TIMESTAMP, cachedTimestamp(metadata));
        RefreshResult result = new TufClient(revalidating, clock, limits).refresh(current);
        if (!result.changed() && Files.exists(metadata.resolve(OfferFile.FILE))) {
            return RefreshReport.unchanged();
        }
        Optional<OfferFile> before = offers(dir);
        List<String> skipped = new ArrayList<>();
        List<Offer> offers = offersOf(result.metadata(), skipped);
        Path fresh = FolderSwap.prepare(metadata);
        // the metadata's files (megabytes, each synced) are written, and the changes counted, while the offers are
        List<String> lines;
        try {
            Beside<List<String>, IOException> saved = Beside.start("saving the metadata of " + name, () -> {
                result.metadata().save(fresh);
                return OfferChanges.between(before.map(OfferFile::offers).orElse(List.of()), offers);
            });
            try {
                new OfferFile(offers, Optional.empty(), clock.instant()).write(fresh);
                if (revalidating.latest().isPresent()) {
                    byte[] etag = revalidating.latest().get().etag().getBytes(StandardCharsets.UTF_8);
                    AtomicFiles.write(fresh.resolve(TIMESTAMP_ETAG), etag);
                }
            } finally {
                saved.await(); // never leave it writing into a folder about to be abandoned
            }
            lines = new ArrayList<>(saved.result());
        } catch (IOException | RuntimeException e) {
            FolderSwap.abandon(fresh);
            throw e;
        }
        FolderSwap.commit(fresh, metadata);
        if (result.rootRotations() > 0) {
            lines.add(0, "the repository's root keys rotated " + result.rootRotations()
                    + " time(s); each new root was signed by the keys before it");
        }
        lines.addAll(skipped);
        return new RefreshReport(true, lines);
    }

    /**
     * The cached timestamp and the ETag the server sent with it, so that an unchanged marketplace
     * answers 304 instead of sending it again. The bytes are verified like fresh ones.
     */
    private static Optional<RevalidatingFetcher.Validated> cachedTimestamp(Path metadata) throws IOException {
        Path etag = metadata.resolve(TIMESTAMP_ETAG);
        Path timestamp = metadata.resolve(TIMESTAMP);
        if (!Files.isRegularFile(etag) || !Files.isRegularFile(timestamp)) {
            return Optional.empty();
        }
        String value = Files.readString(etag, StandardCharsets.UTF_8).strip();
        return value.isEmpty() || value.length() > 512 || value.chars().anyMatch(c -> c < 0x20 || c > 0x7e) ? Optional.empty()
                : Optional.of(new RevalidatingFetcher.Validated(value, Files.readAllBytes(timestamp)));
    }

    @Override
    public Optional<OfferFile> offers(Path dir) throws IOException {
        Path metadata = dir.resolve(METADATA);
        FolderSwap.recover(metadata);
        return OfferFile.read(metadata, name, MarketplaceKind.STATIC);
    }

    @Override
    public PreparedBundle bundle(Offer offer, Optional<OfferFile> offers, Path dir, Path work) throws Exception {
        TrustedMetadata fresh = new TufClient(fetcher, clock, limits).refresh(TrustedMetadata.load(dir.resolve(METADATA)))
                .metadata();
        TargetEntry target = fresh.targets().get(offer.ref());
        if (target == null) {
            throw new MarketplaceProblem("marketplace " + name + " no longer lists " + offer.id() + " "
                    + offer.version() + " (" + offer.ref() + "); run 'warden marketplace update " + name + "'");
        }
        String file = offer.ref().substring(offer.ref().lastIndexOf('/') + 1);
        Path bundle = new TufClient(fetcher, clock, limits).downloadTarget(fresh, target, work.resolve(file), progress).file();
        return new PreparedBundle(bundle, offer.id(), offer.version());
    }

    private List<Offer> offersOf(TrustedMetadata metadata, List<String> skipped) {
        Map<String, TargetEntry> targets = metadata.targets();
        List<Offer> offers = new ArrayList<>(targets.size());
        // a marketplace of tens of thousands of targets has a few hundred versions: each is parsed once, and shared
        Map<String, Version> versions = new HashMap<>();
        int unlisted = 0;
        for (TargetEntry target : targets.values()) {
            if (target.listing().isEmpty()) {
                unlisted++;
                continue;
            }
            TargetListing listing = target.listing().get();
            try {
                PluginId id = PluginId.parse(listing.id());
                Version version = versions.get(listing.version());
                if (version == null) {
                    version = Version.parse(listing.version());
                    versions.put(listing.version(), version);
                }
                offers.add(new Offer(name, MarketplaceKind.STATIC, id, version,
                        listing.description(), listing.keywords(), Optional.of(listing.permissions()), target.path()));
            } catch (IllegalArgumentException e) {
                skipped.add("skipped " + target.path() + ": its listing is not valid (" + e.getMessage() + ")");
            }
        }
        if (unlisted > 0) {
            skipped.add(unlisted + " target(s) without a Warden listing were ignored");
        }
        return offers;
    }
}
