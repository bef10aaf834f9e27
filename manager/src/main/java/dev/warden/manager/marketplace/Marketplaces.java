package dev.warden.manager.marketplace;

import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.StateException;
import dev.warden.io.AtomicFiles;
import dev.warden.io.FileTrees;
import dev.warden.io.UnsafeCharacters;
import dev.warden.manager.lifecycle.Change;
import dev.warden.manager.lifecycle.DependencyOffers;
import dev.warden.manager.lifecycle.InstallResult;
import dev.warden.manager.lifecycle.Installation;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.lifecycle.Provenance;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.fetch.Progress;
import dev.warden.signing.BundleException;
import dev.warden.signing.TrustedPublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The marketplaces of one home folder: adding, refreshing and removing them, the catalogue of what
 * they offer, and preparing an offer's bundle for the install pipeline. Cached metadata lives in
 * {@code $WARDEN_HOME/cache/<name>/} and is only replaced by a fully verified set.
 */
public final class Marketplaces {

    static final String CACHE = "cache";
    private static final String DOWNLOADS = ".downloads";

    private final Lifecycle lifecycle;
    private final FetchSettings settings;
    private final Progress progress;
    private final MarketplaceList list;
    private final Path cache;
    /**
     * The offers files this object read, by marketplace name: an install builds at the pin of the very file its offer
     * was resolved from, read once. Forgotten whenever this object changes a marketplace's cache.
     */
    private final Map<String, Optional<OfferFile>> offersRead = new HashMap<>();

    public Marketplaces(Lifecycle lifecycle, FetchSettings settings, Progress progress) {
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.progress = progress;
        this.list = new MarketplaceList(lifecycle.store().home());
        this.cache = lifecycle.store().home().resolve(CACHE);
    }

    /** @return the marketplaces, in the order they were added (which is their precedence) */
    public List<MarketplaceEntry> entries() throws IOException {
        return list.read();
    }

    /**
     * A marketplace about to be added: what the person is to see before trusting it, and the folder its first
     * fetch goes into. Closing it deletes that folder unless {@link #add(Proposal)} moved it into place.
     */
    public final class Proposal implements AutoCloseable {
        private final MarketplaceEntry entry;
        private final MarketplaceSource source;
        private final Path staged;
        private final List<String> introduction;

        private Proposal(MarketplaceEntry entry, MarketplaceSource source, Path staged, List<String> introduction) {
            this.entry = entry;
            this.source = source;
            this.staged = staged;
            this.introduction = List.copyOf(introduction);
        }

        /** @return the entry that would be added */
        public MarketplaceEntry entry() {
            return entry;
        }

        /** @return what the marketplace says about itself, as fetched (to be shown as unsafe text) */
        public List<String> introduction() {
            return introduction;
        }

        /** @return true when its metadata comes over plain http: signed, but visible to others on the network */
        public boolean insecure() {
            return entry.kind() != MarketplaceKind.GIT && Fetchers.isInsecure(entry.location());
        }

        @Override
        public void close() throws IOException {
            drop(staged);
        }
    }

    /**
     * Checks a marketplace before the person is asked about it: its name, policy, and its kind, and fetches its
     * introduction into a folder of its own, without the state lock (a person reading must not block other
     * Warden processes).
     *
     * @throws RefusalException   for a name policy refuses or one like a name in use; audited
     * @throws MarketplaceProblem for a name already taken or a location of no known kind
     */
    public Proposal propose(String name, String given, Optional<MarketplaceKind> kind) throws Exception {
        String location = absolute(GitHubLocations.expand(given));
        // before the kebab-case rule, so that ACME or acme. is refused as the look-alike it is (exit 3)
        refuseConfusable(name, namesInUse(name, list.read()));
        MarketplaceNames.check(name);
        Optional<String> refused = lifecycle.policy().refusesMarketplace(name, location);
        if (refused.isPresent()) {
            lifecycle.record(AuditEvent.MARKETPLACE_REFUSED, Optional.empty(), Map.of("name", name, "reason", refused.get()));
            throw new RefusalException("marketplace " + name + " is refused: " + refused.get());
        }
        refuseAdded(name, list.read());
        MarketplaceKind detected = kind.isPresent() ? kind.get() : KindDetection.detect(location, settings);
        MarketplaceEntry entry = new MarketplaceEntry(name, detected, location, lifecycle.clock().instant());
        Files.createDirectories(cache);
        Path staged = cache.resolve("." + name + ".adding-" + UUID.randomUUID());
        try {
            Files.createDirectories(staged);
            MarketplaceSource source = source(entry);
            return new Proposal(entry, source, staged, source.introduce(staged));
        } catch (Exception | Error e) {
            drop(staged);
            throw e;
        }
    }

    /** Deletes a folder a marketplace was fetched into, if it is still there, and the cache if that leaves it empty. */
    private void drop(Path staged) throws IOException {
        if (Files.exists(staged)) {
            FileTrees.deleteTree(staged);
        }
        removeIfEmpty(cache);
    }

    /** Audits that the person declined {@code proposal}; nothing is added. */
    public void decline(Proposal proposal) throws StateException {
        lifecycle.record(AuditEvent.MARKETPLACE_DECLINED, Optional.empty(), Map.of("name", proposal.entry().name(),
                "location", proposal.entry().location()));
    }

    /**
     * Adds what the person consented to: fetches the marketplace's metadata, then, under the lock, re-checks the
     * names (another process may have added one meanwhile) and adds it.
     *
     * @return what the first refresh found
     * @throws MarketplaceProblem if the name was added, or one like it, while the person read; nothing is added
     */
    public RefreshReport add(Proposal proposal) throws Exception {
        MarketplaceEntry entry = proposal.entry();
        String name = entry.name();
        RefreshReport report = proposal.source.refresh(proposal.staged);
        offersRead.clear();
        return lifecycle.change("marketplace add " + name, state -> {
            List<MarketplaceEntry> entries = list.read();
            refuseAdded(name, entries);
            refuseConfusable(name, namesInUse(name, entries));
            Path target = cache.resolve(name);
            if (Files.exists(target)) {
                FileTrees.deleteTree(target);
            }
            AtomicFiles.rename(proposal.staged, target);
            List<MarketplaceEntry> next = new ArrayList<>(entries);
            next.add(entry);
            list.write(next);
            return Change.audited(AuditEvent.MARKETPLACE_ADD, Optional.empty(),
                    Map.of("name", name, "kind", entry.kind().id(), "location", entry.location()), report);
        });
    }

    private static void refuseAdded(String name, List<MarketplaceEntry> entries) throws MarketplaceProblem {
        if (entries.stream().anyMatch(e -> e.name().equals(name))) {
            throw new MarketplaceProblem("a marketplace named " + name + " was already added; refresh it with 'warden marketplace update "
                    + name + "', or remove it first");
        }
    }

    /**
     * The names a new marketplace {@code name} must neither be nor look like: the trusted publishers' ids and
     * namespaces, and the names policy reserves and the marketplaces already added other than {@code name}
     * itself (policy decides where a reserved name may come from; the same name again is "already added").
     */
    private Map<String, String> namesInUse(String name, List<MarketplaceEntry> entries) throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        for (TrustedPublisher publisher : lifecycle.trust().load().publishers()) {
            names.put(publisher.id(), "a publisher you trust");
            publisher.entry().namespaces().forEach(ns -> names.putIfAbsent(ns, "a namespace publisher " + publisher.id()
                    + " (whom you trust) signs for"));
        }
        lifecycle.policy().reservedMarketplaceNames().stream().filter(r -> !r.equals(name))
                .forEach(r -> names.putIfAbsent(r, "a marketplace name your policy reserves for another location"));
        entries.stream().filter(e -> !e.name().equals(name)).forEach(e -> names.putIfAbsent(e.name(),
                "a marketplace you added (" + UnsafeCharacters.escape(e.location()) + ")"));
        return names;
    }

    private void refuseConfusable(String name, Map<String, String> taken) throws Exception {
        try {
            MarketplaceNames.refuseConfusable(name, taken);
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.MARKETPLACE_REFUSED, Optional.empty(), Map.of("name", UnsafeCharacters.escape(name),
                    "reason", e.getMessage()));
            throw e;
        }
    }

    /** A local folder as an absolute path, so that later commands find it from any folder; URLs as given. */
    private static String absolute(String location) {
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("://") || lower.startsWith("file:") || lower.startsWith("git@") || location.isBlank()) {
            return location;
        }
        try {
            return Path.of(location).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return location;
        }
    }

    /**
     * Refreshes one marketplace, or all of them in order. A marketplace that fails keeps its cache
     * as it was; the failure is reported in its place and the others still refresh.
     */
    public Map<MarketplaceEntry, Outcome> update(Optional<String> name) throws Exception {
        offersRead.clear();
        return lifecycle.change("marketplace update", state -> {
            List<MarketplaceEntry> targets = name.isPresent() ? List.of(entry(name.get())) : list.read();
            Map<MarketplaceEntry, Outcome> outcomes = new LinkedHashMap<>();
            Change<Map<MarketplaceEntry, Outcome>> change = Change.none(outcomes);
            for (MarketplaceEntry entry : targets) {
                try {
                    RefreshReport report = source(entry).refresh(cache.resolve(entry.name()));
                    outcomes.put(entry, new Outcome(Optional.of(report), Optional.empty()));
                    if (report.changed()) {
                        change = change.and(AuditEvent.MARKETPLACE_UPDATE, Optional.empty(), Map.of("name", entry.name(),
                                "changes", report.lines()));
                    }
                } catch (Exception e) {
                    if (name.isPresent()) {
                        throw e;
                    }
                    outcomes.put(entry, new Outcome(Optional.empty(), Optional.of(e)));
                }
            }
            return change;
        });
    }

    /** What refreshing one marketplace gave: a report, or the failure that left its cache as it was. */
    public record Outcome(Optional<RefreshReport> report, Optional<Exception> failure) {
    }

    /** Removes a marketplace and its cache; installed plugins stay installed. */
    public void remove(String name) throws Exception {
        offersRead.clear();
        lifecycle.change("marketplace remove " + name, state -> {
            MarketplaceEntry entry = entry(name);
            List<MarketplaceEntry> next = new ArrayList<>(list.read());
            next.remove(entry);
            list.write(next);
            Path dir = cache.resolve(name);
            if (Files.exists(dir)) {
                FileTrees.deleteTree(dir);
            }
            return Change.audited(AuditEvent.MARKETPLACE_REMOVE, Optional.empty(),
                    Map.of("name", name, "location", entry.location()), entry);
        });
    }

    /** Everything offered, as last refreshed. */
    public Catalogue catalogue() throws Exception {
        Map<String, List<Offer>> offers = new LinkedHashMap<>();
        for (MarketplaceEntry entry : list.read()) {
            offers.put(entry.name(), offers(entry).map(OfferFile::offers).orElse(List.of()));
        }
        return new Catalogue(offers);
    }

    /** A marketplace's offers as last refreshed, or empty if it never was; read once by this object. */
    public Optional<OfferFile> offers(MarketplaceEntry entry) throws Exception {
        Optional<OfferFile> offers = offersRead.get(entry.name());
        if (offers == null) {
            offers = source(entry).offers(cache.resolve(entry.name()));
            offersRead.put(entry.name(), offers);
        }
        return offers;
    }

    /**
     * Downloads (and checks against freshly verified metadata) or builds the bundle of an offer, in
     * a private folder the caller deletes with {@link #discard}. The cache is not changed.
     */
    PreparedBundle prepare(Offer offer) throws Exception {
        MarketplaceEntry entry = entry(offer.marketplace());
        // 64 random bits name it, not a random UUID, which would seed a SecureRandom (tens of ms in a cold process)
        Path work = cache.resolve(DOWNLOADS).resolve(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
        Files.createDirectories(work.getParent());
        Files.createDirectory(work);
        try {
            return source(entry).bundle(offer, offers(entry), cache.resolve(entry.name()), work);
        } catch (Exception | Error e) {
            FileTrees.deleteTree(work);
            removeIfEmpty(work.getParent());
            removeIfEmpty(cache);
            throw e;
        }
    }

    /**
     * Downloads or builds the offer's bundle and runs it through the install pipeline, where the
     * signed manifest must match what the listing named.
     *
     * @param fetching told which offer is fetched, just before the download or build begins (the CLI says so)
     */
    public InstallResult install(Offer offer, Installation.Options options, Consumer<Offer> fetching) throws Exception {
        refuseUnverified(offer, options);
        fetching.accept(offer);
        PreparedBundle bundle = prepareForInstall(offer);
        try {
            return new Installation(lifecycle, bundle.file(), provenance(offer, bundle), options)
                    .withDependencies(dependencyOffers(options, fetching)).run();
        } finally {
            discard(bundle);
        }
    }

    /**
     * Where the plugins an installed plugin depends on come from: these marketplaces, as last refreshed.
     *
     * @param fetching told which offer is fetched, just before its download or build begins
     */
    public DependencyOffers dependencyOffers(Installation.Options options, Consumer<Offer> fetching) {
        return new MarketplaceDependencyOffers(this, options, fetching);
    }

    /** Refuses, and audits, an offer no publisher signed unless the person allowed unverified plugins. */
    void refuseUnverified(Offer offer, Installation.Options options) throws Exception {
        if (!offer.signed() && !options.allowUnverified()) {
            String reason = offer.id() + " comes from " + offer.kind().description() + " " + offer.marketplace()
                    + ", whose plugins carry no publisher signature (UNVERIFIED); if you accept that, install it with"
                    + " --allow-unverified (the review still shows everything it asks for)";
            lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(offer.id()), Map.of("version", offer.version().toString(),
                    "source", "marketplace:" + offer.marketplace(), "reason", reason));
            throw new RefusalException(reason);
        }
    }

    /** {@link #prepare}, with a signed plugin folder that fails verification refused and audited as a bundle that fails. */
    PreparedBundle prepareForInstall(Offer offer) throws Exception {
        try {
            return prepare(offer);
        } catch (BundleException e) {
            lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(offer.id()), Map.of("version", offer.version().toString(),
                    "source", "marketplace:" + offer.marketplace(), "reason", e.getMessage()));
            throw e;
        }
    }

    /** Where a prepared bundle of {@code offer} comes from, for the install pipeline. */
    Provenance provenance(Offer offer, PreparedBundle bundle) throws IOException, MarketplaceProblem {
        return Provenance.marketplace(offer.marketplace(), entry(offer.marketplace()).addedAt(), bundle.id(), bundle.version(),
                bundle.signedFolder());
    }

    /** Deletes the folder a prepared bundle was made in. */
    void discard(PreparedBundle bundle) throws IOException {
        Path downloads = cache.resolve(DOWNLOADS).toAbsolutePath().normalize();
        Path dir = bundle.file().toAbsolutePath().normalize();
        while (dir.getParent() != null && !dir.getParent().equals(downloads)) {
            dir = dir.getParent();
        }
        if (dir.getParent() != null && Files.exists(dir)) {
            FileTrees.deleteTree(dir);
        }
        removeIfEmpty(downloads);
        removeIfEmpty(cache);
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        }
    }

    /** The marketplace an installed plugin came from, if it is still added. */
    public Optional<MarketplaceEntry> find(String name) throws IOException {
        return list.find(name);
    }

    private MarketplaceEntry entry(String name) throws IOException, MarketplaceProblem {
        return list.find(name).orElseThrow(() -> new MarketplaceProblem("no marketplace named " + UnsafeCharacters.escape(name)
                + " was added; 'warden marketplace list' shows them"));
    }

    private MarketplaceSource source(MarketplaceEntry entry) throws Exception {
        return switch (entry.kind()) {
            case STATIC -> new StaticRepositorySource(entry.name(), new LazyFetcher(entry.location(), settings), lifecycle.clock(),
                    progress);
            case GIT -> new GitMarketplaceSource(entry.name(), entry.location(), lifecycle.clock(), settings,
                    lifecycle.trust());
            case MCP_REGISTRY -> new McpRegistrySource(entry.name(), new LazyFetcher(entry.location(), settings), lifecycle.clock(),
                    new McpbPackageFetch(settings, progress, lifecycle.home(), lifecycle.clock()));
        };
    }
}
