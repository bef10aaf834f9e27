package dev.warden.manager.marketplace;

import dev.warden.api.manifest.PluginId;
import dev.warden.api.manifest.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Describes how a marketplace's offers changed between two refreshes, one line per plugin. */
final class OfferChanges {

    private static final int MAX_LINES = 20;

    private OfferChanges() {
    }

    static List<String> between(List<Offer> before, List<Offer> after) {
        Map<PluginId, Version> old = latest(before);
        Map<PluginId, Version> now = latest(after);
        List<String> lines = new ArrayList<>();
        int more = 0;
        for (Map.Entry<PluginId, Version> e : now.entrySet()) {
            Version was = old.get(e.getKey());
            String line = was == null ? "new: " + e.getKey() + " " + e.getValue()
                    : was.equals(e.getValue()) ? null : "updated: " + e.getKey() + " " + was + " -> " + e.getValue();
            if (line != null) {
                if (lines.size() < MAX_LINES) {
                    lines.add(line);
                } else {
                    more++;
                }
            }
        }
        for (PluginId gone : old.keySet()) {
            if (!now.containsKey(gone)) {
                if (lines.size() < MAX_LINES) {
                    lines.add("no longer listed: " + gone);
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            lines.add("... and " + more + " more changes");
        }
        return lines;
    }

    static Map<PluginId, Version> latest(List<Offer> offers) {
        Map<PluginId, Version> latest = new TreeMap<>(Comparator.comparing(PluginId::toString));
        for (Offer offer : offers) {
            latest.merge(offer.id(), offer.version(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return latest;
    }
}
