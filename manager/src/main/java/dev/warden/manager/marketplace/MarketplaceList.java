package dev.warden.manager.marketplace;

import dev.warden.catalog.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The marketplaces the person added, in the order they were added: {@code $WARDEN_HOME/marketplaces.json}.
 * Changed only under the state lock, and replaced atomically.
 */
final class MarketplaceList {

    static final String FILE = "marketplaces.json";

    private final Path file;

    MarketplaceList(Path home) {
        this.file = home.resolve(FILE);
    }

    List<MarketplaceEntry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root = MarketplaceJson.read(file);
        JsonNode list = root.get("marketplaces");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": 'marketplaces' is missing; Warden wrote this file, so it was damaged");
        }
        List<MarketplaceEntry> entries = new ArrayList<>();
        for (JsonNode node : list) {
            String kindId = MarketplaceJson.text(node, "kind", file);
            MarketplaceKind kind = MarketplaceKind.byId(kindId)
                    .orElseThrow(() -> new IOException(file + ": unknown marketplace kind '" + kindId + "'"));
            Instant addedAt;
            try {
                addedAt = Instant.parse(MarketplaceJson.text(node, "addedAt", file));
            } catch (DateTimeParseException e) {
                throw new IOException(file + ": 'addedAt' is not a time: " + e.getParsedString(), e);
            }
            entries.add(new MarketplaceEntry(MarketplaceJson.text(node, "name", file), kind,
                    MarketplaceJson.text(node, "location", file), addedAt));
        }
        return List.copyOf(entries);
    }

    Optional<MarketplaceEntry> find(String name) throws IOException {
        return read().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    void write(List<MarketplaceEntry> entries) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MarketplaceEntry entry : entries) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", entry.name());
            node.put("kind", entry.kind().id());
            node.put("location", entry.location());
            node.put("addedAt", entry.addedAt().toString());
            list.add(node);
        }
        AtomicFiles.write(file, MarketplaceJson.write(Map.of("marketplaces", list)));
    }
}
