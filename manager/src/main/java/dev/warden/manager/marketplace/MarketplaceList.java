package dev.warden.manager.marketplace;

import dev.warden.io.AtomicFiles;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * The marketplaces the person added, in the order they were added: {@code $WARDEN_HOME/marketplaces.json}.
 * Changed only under the state lock, and replaced atomically.
 */
final class MarketplaceList {

    static final String FILE = "marketplaces.json";
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;

    MarketplaceList(Path home) {
        this.file = home.resolve(FILE);
    }

    List<MarketplaceEntry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode root;
        try {
            root = StrictJson.standard().read(Files.readAllBytes(file));
        } catch (StrictJsonException e) {
            throw damaged(e.getMessage());
        }
        if (!root.isObject()) {
            throw damaged("it does not hold a JSON object");
        }
        List<MarketplaceEntry> entries = new ArrayList<>();
        for (JsonNode item : root.path("marketplaces")) {
            if (item.isObject()) {
                entries.add(entry(item));
            }
        }
        return List.copyOf(entries);
    }

    private MarketplaceEntry entry(JsonNode item) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (!field.getValue().isString()) {
                throw damaged("'" + field.getKey() + "' is not a string");
            }
            fields.put(field.getKey(), field.getValue().stringValue());
        }
        for (String required : List.of("name", "kind", "location", "addedAt")) {
            if (!fields.containsKey(required)) {
                throw damaged("an entry has no '" + required + "'");
            }
        }
        MarketplaceKind kind = MarketplaceKind.byId(fields.get("kind"))
                .orElseThrow(() -> damaged("unknown marketplace kind '" + fields.get("kind") + "'"));
        try {
            return new MarketplaceEntry(fields.get("name"), kind, fields.get("location"), Instant.parse(fields.get("addedAt")));
        } catch (DateTimeParseException e) {
            throw damaged(e.getMessage());
        }
    }

    Optional<MarketplaceEntry> find(String name) throws IOException {
        return read().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    void write(List<MarketplaceEntry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
            out.writeStartObject();
            out.writeName("marketplaces");
            out.writeStartArray();
            for (MarketplaceEntry entry : entries) {
                out.writeStartObject();
                out.writeStringProperty("name", entry.name());
                out.writeStringProperty("kind", entry.kind().id());
                out.writeStringProperty("location", entry.location());
                out.writeStringProperty("addedAt", entry.addedAt().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        bytes.write('\n');
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private IOException damaged(String what) {
        return new IOException(file + " is damaged (" + what + "); Warden wrote it, so something else changed it: fix it or"
                + " remove it and add the marketplaces again");
    }
}
