package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.UnsafeCharacters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every offer of every marketplace, with precedence: when two marketplaces offer the same plugin id,
 * the one added first decides and the other is shown as shadowed, never silently mixed in.
 */
public final class Catalogue {

    /** One plugin id as offered: the deciding marketplace's versions, newest first, and the shadowed ones. */
    private record Entry(PluginId id, List<Offer> versions, List<String> shadowed, String name, String idText,
                         String description, List<String> keywords, int rank, String haystack) {
    }

    private final List<Entry> entries;
    private final Map<PluginId, Entry> byId;
    private final Map<String, List<Offer>> byMarketplace;

    /** @param offers each marketplace's offers, in the order the marketplaces were added */
    public Catalogue(Map<String, List<Offer>> offers) {
        Map<PluginId, Map<String, List<Offer>>> grouped = new LinkedHashMap<>();
        Map<String, Integer> rank = new HashMap<>();
        for (Map.Entry<String, List<Offer>> marketplace : offers.entrySet()) {
            rank.put(marketplace.getKey(), rank.size());
            for (Offer offer : marketplace.getValue()) {
                grouped.computeIfAbsent(offer.id(), id -> new LinkedHashMap<>())
                        .computeIfAbsent(marketplace.getKey(), m -> new ArrayList<>()).add(offer);
            }
        }
        List<Entry> list = new ArrayList<>(grouped.size());
        Map<PluginId, Entry> index = new HashMap<>();
        for (Map.Entry<PluginId, Map<String, List<Offer>>> group : grouped.entrySet()) {
            List<String> marketplaces = new ArrayList<>(group.getValue().keySet());
            marketplaces.sort(Comparator.comparing(rank::get));
            List<Offer> versions = new ArrayList<>(group.getValue().get(marketplaces.get(0)));
            versions.sort(Comparator.comparing(Offer::version).reversed());
            Offer newest = versions.get(0);
            Entry entry = new Entry(group.getKey(), List.copyOf(versions), List.copyOf(marketplaces.subList(1, marketplaces.size())),
                    group.getKey().name().toLowerCase(Locale.ROOT), group.getKey().toString().toLowerCase(Locale.ROOT),
                    newest.description().toLowerCase(Locale.ROOT),
                    newest.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList(), rank.get(marketplaces.get(0)),
                    haystack(group.getKey(), newest));
            list.add(entry);
            index.put(entry.id(), entry);
        }
        list.sort(Comparator.comparingInt(Entry::rank).thenComparing(e -> e.idText()));
        this.entries = List.copyOf(list);
        this.byId = Map.copyOf(index);
        Map<String, List<Offer>> copy = new LinkedHashMap<>();
        offers.forEach((marketplace, offered) -> copy.put(marketplace, List.copyOf(offered)));
        this.byMarketplace = copy;
    }

    /** @return how many plugin ids are offered */
    public int size() {
        return entries.size();
    }

    /**
     * Finds plugins whose name, id, keywords or description hold every word of {@code query}
     * (case-insensitive); a match in the name ranks above keywords, which rank above the description.
     * An empty query lists everything.
     */
    public List<SearchHit> search(String query) {
        String[] words = query.toLowerCase(Locale.ROOT).trim().split("\\s+");
        List<SearchHit> hits = new ArrayList<>();
        for (Entry entry : entries) {
            int score = 0;
            for (String word : words) {
                if (word.isEmpty()) {
                    continue;
                }
                int best = entry.haystack().contains(word) ? score(entry, word) : 0;
                if (best == 0) {
                    score = -1;
                    break;
                }
                score += best;
            }
            if (score >= 0) {
                hits.add(new SearchHit(entry.versions().get(0), score, entry.shadowed()));
            }
        }
        hits.sort(Comparator.comparingInt(SearchHit::score).reversed());
        return hits;
    }

    /** Everything a word may match, in one string, so that most entries are passed over with one search. */
    private static String haystack(PluginId id, Offer newest) {
        return (id + "\n" + newest.description() + "\n" + String.join("\n", newest.keywords())).toLowerCase(Locale.ROOT);
    }

    private static int score(Entry entry, String word) {
        if (entry.name().equals(word)) {
            return 100;
        }
        if (entry.name().startsWith(word)) {
            return 70;
        }
        if (entry.name().contains(word)) {
            return 50;
        }
        if (entry.idText().contains(word)) {
            return 40;
        }
        int best = 0;
        for (String keyword : entry.keywords()) {
            if (keyword.equals(word)) {
                return 30;
            }
            if (keyword.contains(word)) {
                best = 20;
            }
        }
        if (best > 0) {
            return best;
        }
        return entry.description().contains(word) ? 10 : 0;
    }

    /** @return the versions the deciding marketplace offers for {@code id}, newest first; empty when none does */
    public List<Offer> versions(PluginId id) {
        Entry entry = byId.get(id);
        return entry == null ? List.of() : entry.versions();
    }

    /** @return the marketplaces whose offers of {@code id} lose to an earlier one */
    public List<String> shadowed(PluginId id) {
        Entry entry = byId.get(id);
        return entry == null ? List.of() : entry.shadowed();
    }

    /**
     * Resolves {@code publisher/name} or a bare name that only one offered plugin has, at
     * {@code version} or the newest.
     *
     * @throws MarketplaceProblem naming what is offered instead
     */
    public Offer resolve(String idOrName, Optional<Version> version) throws MarketplaceProblem {
        return resolve(new OfferQuery(idOrName, Optional.empty(), version));
    }

    /**
     * Resolves what a person named: an id or a bare name, in the marketplace they name (Claude Code's
     * {@code NAME@MARKETPLACE}) or in any, at the version they name or the newest.
     *
     * @throws MarketplaceProblem naming what is offered instead, or, when the named marketplace's offer is shadowed
     *     by one added earlier, which marketplace decides
     */
    public Offer resolve(OfferQuery query) throws MarketplaceProblem {
        PluginId id = query.marketplace().isPresent() ? idIn(query.marketplace().get(), query.idOrName())
                : idOf(query.idOrName());
        Optional<Version> version = query.version();
        List<Offer> versions = versions(id);
        if (version.isEmpty()) {
            return versions.get(0);
        }
        return versions.stream().filter(o -> o.version().equals(version.get())).findFirst()
                .orElseThrow(() -> new MarketplaceProblem(id + " " + version.get() + " is not offered by marketplace "
                        + versions.get(0).marketplace() + "; it offers " + versions.stream().map(o -> o.version().toString()).toList()));
    }

    private PluginId idIn(String marketplace, String idOrName) throws MarketplaceProblem {
        List<Offer> offers = byMarketplace.get(marketplace);
        if (offers == null) {
            throw new MarketplaceProblem("no marketplace is named '" + marketplace + "'; 'warden marketplace list' shows"
                    + " those you added (" + String.join(", ", byMarketplace.keySet()) + ")");
        }
        List<PluginId> matches = offers.stream().map(Offer::id)
                .filter(id -> id.name().equals(idOrName) || id.toString().equals(idOrName)).distinct().toList();
        if (matches.isEmpty()) {
            throw new MarketplaceProblem("marketplace " + marketplace + " offers no plugin named '"
                    + UnsafeCharacters.escape(idOrName) + "'; try 'warden search " + UnsafeCharacters.escape(idOrName) + "'");
        }
        if (matches.size() > 1) {
            throw new MarketplaceProblem("'" + UnsafeCharacters.escape(idOrName) + "' is offered by marketplace " + marketplace
                    + " as " + matches.stream().map(PluginId::toString).toList() + "; name one of them as publisher/name");
        }
        PluginId id = matches.get(0);
        String deciding = versions(id).get(0).marketplace();
        if (!deciding.equals(marketplace)) {
            throw new MarketplaceProblem(id + " is offered by marketplace " + marketplace + " and by " + deciding
                    + ", which was added first and decides; install it as " + id + " from " + deciding
                    + ", or remove " + deciding + " with 'warden marketplace remove " + deciding + "'");
        }
        return id;
    }

    private PluginId idOf(String idOrName) throws MarketplaceProblem {
        if (idOrName.contains("/")) {
            PluginId id;
            try {
                id = PluginId.parse(idOrName);
            } catch (IllegalArgumentException e) {
                throw new MarketplaceProblem(e.getMessage());
            }
            if (!byId.containsKey(id)) {
                throw new MarketplaceProblem("no marketplace offers " + id + "; try 'warden search " + id.name()
                        + "', or 'warden marketplace update' if it was published recently");
            }
            return id;
        }
        List<PluginId> matches = entries.stream().map(Entry::id).filter(id -> id.name().equals(idOrName)).toList();
        if (matches.isEmpty()) {
            throw new MarketplaceProblem("no marketplace offers a plugin named '" + idOrName + "'; try 'warden search "
                    + idOrName + "'");
        }
        if (matches.size() > 1) {
            throw new MarketplaceProblem("'" + idOrName + "' is offered as " + matches.stream().map(PluginId::toString).toList()
                    + "; name one of them as publisher/name");
        }
        return matches.get(0);
    }
}
