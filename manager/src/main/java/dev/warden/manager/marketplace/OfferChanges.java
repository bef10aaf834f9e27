package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Describes how a marketplace's offers changed between two refreshes, one line per plugin. */
final class OfferChanges {

    private static final int MAX_LINES = 20;

    private OfferChanges() {
    }

    /**
     * One line per change, sorted, when there are at most {@value #MAX_LINES}; otherwise counts of
     * new, updated and no longer listed plugins (a large marketplace's first refresh lists thousands).
     */
    static List<String> between(List<Offer> before, List<Offer> after) {
        Map<PluginId, Version> old = latest(before);
        Map<PluginId, Version> now = latest(after);
        List<PluginId> added = new ArrayList<>();
        List<PluginId> updated = new ArrayList<>();
        List<PluginId> gone = new ArrayList<>();
        for (Map.Entry<PluginId, Version> e : now.entrySet()) {
            Version was = old.get(e.getKey());
            if (was == null) {
                added.add(e.getKey());
            } else if (!was.equals(e.getValue())) {
                updated.add(e.getKey());
            }
        }
        for (PluginId id : old.keySet()) {
            if (!now.containsKey(id)) {
                gone.add(id);
            }
        }
        if (added.size() + updated.size() + gone.size() > MAX_LINES) {
            return List.of(added.size() + " new, " + updated.size() + " updated, " + gone.size() + " no longer listed"
                    + " ('warden search' shows them)");
        }
        List<String> lines = new ArrayList<>();
        added.forEach(id -> lines.add("new: " + id + " " + now.get(id)));
        updated.forEach(id -> lines.add("updated: " + id + " " + old.get(id) + " -> " + now.get(id)));
        gone.forEach(id -> lines.add("no longer listed: " + id));
        lines.sort(null);
        return lines;
    }

    private static Map<PluginId, Version> latest(List<Offer> offers) {
        Map<PluginId, Version> latest = new HashMap<>();
        for (Offer offer : offers) {
            latest.merge(offer.id(), offer.version(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return latest;
    }
}
