package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.manager.imports.ClaudeImportException;
import dev.warden.manager.imports.ClaudeJson;
import dev.warden.manager.imports.ClaudePluginImport;
import dev.warden.manager.imports.UnverifiedNamespace;
import dev.warden.manager.imports.LooseVersions;
import dev.warden.manager.imports.ClaudeImportedPlugin;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.git.ClaudeListing;
import dev.warden.registry.git.ClaudeMarketplace;
import dev.warden.registry.git.GitMarketplace;
import dev.warden.registry.git.MarketplaceException;
import dev.warden.registry.git.PinnedTree;
import dev.warden.registry.git.PluginSource;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleIdentity;
import dev.warden.signing.FolderSignature;
import dev.warden.signing.TrustDirectory;
import dev.warden.signing.VerifiedFolder;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A git repository with a Claude Code {@code .claude-plugin/marketplace.json}. The clone lives in
 * {@code repo/}; the offers file records the commit they were read at, which is the pin: plugins are
 * always read from that commit, and only {@code marketplace update} moves it.
 *
 * <p>A plugin folder inside the repository that carries a Warden signature ({@link FolderSignature}) is
 * offered under the id its signature claims, {@code publisher/name}, and verified against the trusted
 * publishers before it is converted; every other plugin is offered as {@code unverified-<marketplace>/<name>}.
 */
final class GitMarketplaceSource implements MarketplaceSource {

    private static final String REPO = "repo";

    private final String name;
    private final String location;
    private final Clock clock;
    private final FetchSettings settings;
    private final TrustDirectory trust;
    /**
     * The folder {@link #introduce} filled in this process and no refresh has touched since: its offers, at the pin
     * shown, are what the person consented to, so the refresh that completes the add keeps them instead of fetching
     * the same repository again (the pin moves with {@code marketplace update}).
     */
    private Path introduced;

    GitMarketplaceSource(String name, String location, Clock clock, FetchSettings settings, TrustDirectory trust) {
        this.name = name;
        this.location = location;
        this.clock = clock;
        this.settings = settings;
        this.trust = trust;
    }

    @Override
    public List<String> introduce(Path dir) throws Exception {
        String commit = GitMarketplace.cloneInto(location, dir.resolve(REPO));
        ClaudeMarketplace marketplace;
        List<String> skipped = new ArrayList<>();
        List<Offer> offers;
        try (PinnedTree tree = GitMarketplace.openTree(dir.resolve(REPO), commit)) {
            marketplace = tree.marketplace();
            offers = offersOf(marketplace, tree, skipped);
        }
        new OfferFile(offers, Optional.of(commit), clock.instant()).write(dir);
        introduced = dir;
        List<String> lines = new ArrayList<>();
        lines.add("Git marketplace '" + marketplace.name() + "'" + marketplace.owner().map(o -> " by " + o).orElse("")
                + " at " + location);
        lines.add("Pinned to commit " + commit + "; " + offers.size() + " plugin(s) listed.");
        List<Offer> signed = offers.stream().filter(Offer::signed).toList();
        for (Offer offer : signed) {
            lines.add(offer.id() + " " + offer.version() + " is signed by " + offer.id().publisher() + " (verified at install).");
        }
        if (signed.size() < offers.size()) {
            lines.add((signed.isEmpty() ? "Its plugins carry" : "Its other plugins carry") + " no publisher signature:"
                    + " they are UNVERIFIED, and installing one needs --allow-unverified.");
        }
        lines.addAll(skipped);
        return lines;
    }

    @Override
    public RefreshReport refresh(Path dir) throws Exception {
        if (dir.equals(introduced)) {
            introduced = null;
            return RefreshReport.unchanged();
        }
        Optional<OfferFile> before = offers(dir);
        String latest = GitMarketplace.fetchLatest(dir.resolve(REPO));
        if (before.isPresent() && before.get().pin().equals(Optional.of(latest))) {
            return RefreshReport.unchanged();
        }
        List<String> skipped = new ArrayList<>();
        List<Offer> offers;
        try (PinnedTree tree = GitMarketplace.openTree(dir.resolve(REPO), latest)) {
            offers = offersOf(tree.marketplace(), tree, skipped);
        }
        new OfferFile(offers, Optional.of(latest), clock.instant()).write(dir);
        List<String> lines = new ArrayList<>();
        lines.add("pin moved from " + before.flatMap(OfferFile::pin).orElse("nothing") + " to " + latest);
        lines.addAll(OfferChanges.between(before.map(OfferFile::offers).orElse(List.of()), offers));
        lines.addAll(skipped);
        return new RefreshReport(true, lines);
    }

    @Override
    public Optional<OfferFile> offers(Path dir) throws Exception {
        return OfferFile.read(dir, name, MarketplaceKind.GIT);
    }

    @Override
    public PreparedBundle bundle(Offer offer, Optional<OfferFile> offers, Path dir, Path work) throws Exception {
        String pin = offers.flatMap(OfferFile::pin)
                .orElseThrow(() -> new MarketplaceProblem("marketplace " + name + " has no pinned commit; run 'warden marketplace update "
                        + name + "'"));
        ClaudeMarketplace marketplace = GitMarketplace.read(dir.resolve(REPO), pin);
        ClaudeListing listing = marketplace.plugins().stream().filter(p -> p.name().equals(offer.ref())).findFirst()
                .orElseThrow(() -> new MarketplaceProblem("marketplace " + name + " no longer lists " + offer.ref()
                        + " at commit " + pin + "; run 'warden marketplace update " + name + "'"));
        Path source = GitMarketplace.materialise(dir.resolve(REPO), pin, listing, work.resolve("source"),
                location -> {
                    try {
                        return Fetchers.open(location, settings);
                    } catch (FetchException e) {
                        throw new UncheckedIOException(new IOException(e.getMessage(), e));
                    }
                });
        Optional<VerifiedFolder> signedFolder = offer.signed() ? Optional.of(verify(offer, source, pin)) : Optional.empty();
        String publisher = signedFolder.map(f -> f.identity().publisher()).orElse(UnverifiedNamespace.of(name));
        // A signed folder is the whole truth: the entry's component fields, description and version are the
        // marketplace's words, which the publisher's signature does not cover, so they may not change what is installed.
        ClaudeImportedPlugin imported = ClaudePluginImport.convert(source, publisher,
                signedFolder.isPresent() ? null : listing, work.resolve("plugin"));
        Path bundle = work.resolve(offer.id().publisher() + "-" + offer.id().name() + "-" + imported.version() + ".wpk");
        BundleWriter.pack(imported.dir(), bundle, BundleLimits.defaults(), BundleWriter.Packing.TRANSIENT);
        return new PreparedBundle(bundle, PluginId.parse(imported.id()), Version.parse(imported.version()), signedFolder);
    }

    /**
     * Verifies the copied folder of an offer listed as signed. An offer listed under a publisher's id whose
     * folder has no signature any more is refused, never installed as unverified: the person asked for the
     * publisher's plugin, and the id may not be taken without the publisher's signature.
     */
    private VerifiedFolder verify(Offer offer, Path folder, String pin) throws Exception {
        try {
            return FolderSignature.verify(folder, trust.load(), clock, BundleLimits.defaults());
        } catch (BundleException e) {
            if (e.failure() != BundleException.Failure.UNSIGNED) {
                throw e;
            }
            throw new BundleException(e.failure(), FolderSignature.FILE, offer.id() + " was listed as signed by "
                    + offer.id().publisher() + ", but its folder at commit " + pin + " of marketplace " + name
                    + " has no Warden signature: not installed (an unsigned plugin never takes a publisher's id);"
                    + " run 'warden marketplace update " + name + "' and install what it lists", e);
        }
    }

    private List<Offer> offersOf(ClaudeMarketplace marketplace, PinnedTree tree, List<String> skipped)
            throws MarketplaceException {
        List<Offer> offers = new ArrayList<>();
        for (ClaudeListing plugin : marketplace.plugins()) {
            try {
                Optional<BundleIdentity> signed = claimedSignature(plugin, tree);
                Version listed = LooseVersions.parse(plugin.version().or(() -> signed.map(BundleIdentity::version))
                        .or(() -> manifestVersion(plugin, tree)).orElse("0.0.0"));
                PluginId id = UnverifiedNamespace.id(name, plugin.name());
                Version version = listed;
                if (signed.isPresent()) {
                    id = new PluginId(signed.get().publisher(), signed.get().name());
                    version = Version.parse(signed.get().version());
                    if (!signed.get().name().equals(plugin.name())) {
                        throw new IllegalArgumentException("its Warden signature names the plugin '" + signed.get().name()
                                + "', not '" + plugin.name() + "' as the marketplace does; ask the publisher to sign it again");
                    }
                    if (!version.equals(listed)) {
                        throw new IllegalArgumentException("the marketplace lists version " + listed + " but its Warden"
                                + " signature covers " + version + "; ask the publisher to sign it again");
                    }
                }
                String description = plugin.description();
                if (!plugin.source().installable()) {
                    description = description + " [cannot be installed: " + plugin.source().refusal().orElse("unsupported source") + "]";
                }
                offers.add(new Offer(name, MarketplaceKind.GIT, id, version, description,
                        plugin.keywords(), Optional.empty(), plugin.name()));
            } catch (IllegalArgumentException e) {
                skipped.add("skipped " + plugin.name() + ": " + e.getMessage());
            }
        }
        return offers;
    }

    /**
     * The {@code version} of the plugin's own {@code .claude-plugin/plugin.json} in the pinned tree, which is what the
     * import installs when the entry names none; empty for other sources and for a file without one.
     *
     * @throws IllegalArgumentException naming the file when it is not a JSON object or too large
     */
    private static Optional<String> manifestVersion(ClaudeListing plugin, PinnedTree tree) {
        if (!(plugin.source() instanceof PluginSource.Relative relative)) {
            return Optional.empty();
        }
        String path = (relative.path().isEmpty() ? "" : relative.path() + "/") + ClaudePluginImport.CLAUDE_MANIFEST;
        try {
            Optional<byte[]> bytes = tree.readFile(path, ClaudeJson.MAX_BYTES);
            return bytes.isEmpty() ? Optional.empty() : ClaudePluginImport.manifestVersion(path, bytes.get());
        } catch (MarketplaceException | ClaudeImportException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * What the Warden signature of a plugin folder inside the repository claims, read from the pinned tree; empty
     * for other sources (which keep being unverified) and folders without one.
     *
     * @throws IllegalArgumentException naming the problem when the signature file is not the documented form
     */
    private static Optional<BundleIdentity> claimedSignature(ClaudeListing plugin, PinnedTree tree)
            throws MarketplaceException {
        if (!(plugin.source() instanceof PluginSource.Relative relative)) {
            return Optional.empty();
        }
        String path = (relative.path().isEmpty() ? "" : relative.path() + "/") + FolderSignature.FILE;
        BundleLimits limits = BundleLimits.defaults();
        Optional<byte[]> bytes;
        try {
            bytes = tree.readFile(path, limits.maxMetadataBytes());
        } catch (MarketplaceException e) {
            if (e.kind() == MarketplaceException.Kind.INTEGRITY) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            throw e;
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FolderSignature.claimedIdentity(bytes.get(), limits));
        } catch (BundleException e) {
            throw new IllegalArgumentException("its Warden signature " + path + " is unusable: " + e.getMessage(), e);
        }
    }
}
