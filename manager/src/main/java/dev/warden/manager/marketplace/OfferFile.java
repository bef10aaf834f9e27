package dev.warden.manager.marketplace;

import dev.warden.api.manifest.PluginId;
import dev.warden.api.manifest.Version;
import dev.warden.catalog.state.AtomicFiles;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A marketplace's offers as last seen, in its cache folder: what {@code search} and {@code info}
 * read without verifying metadata again. It is written only after the metadata it comes from was
 * verified; installing re-verifies from the marketplace itself.
 *
 * @param offers      every version of every plugin listed
 * @param pin         for a git marketplace, the commit the offers were read at
 * @param refreshedAt when the marketplace was last refreshed
 */
public record OfferFile(List<Offer> offers, Optional<String> pin, Instant refreshedAt) {

    static final String FILE = "offers.json";

    public OfferFile {
        offers = List.copyOf(offers);
    }

    static Optional<OfferFile> read(Path dir, String marketplace, MarketplaceKind kind) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root = MarketplaceJson.read(file);
        List<Offer> offers = new ArrayList<>();
        for (JsonNode node : root.path("offers")) {
            try {
                Optional<List<ListedPermission>> permissions = Optional.empty();
                if (node.has("permissions")) {
                    List<ListedPermission> list = new ArrayList<>();
                    for (JsonNode p : node.get("permissions")) {
                        list.add(new ListedPermission(p.path("kind").asString(), p.path("scope").asString(),
                                p.path("risk").asInt(), p.path("optional").asBoolean()));
                    }
                    permissions = Optional.of(list);
                }
                List<String> keywords = new ArrayList<>();
                node.path("keywords").forEach(k -> keywords.add(k.asString()));
                offers.add(new Offer(marketplace, kind, PluginId.parse(MarketplaceJson.text(node, "id", file)),
                        Version.parse(MarketplaceJson.text(node, "version", file)), node.path("description").asString(""),
                        keywords, node.path("signed").asBoolean(), permissions, MarketplaceJson.text(node, "ref", file)));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": an offer is damaged (" + e.getMessage() + "); run 'warden marketplace update "
                        + marketplace + "'", e);
            }
        }
        Optional<String> pin = root.hasNonNull("pin") ? Optional.of(root.get("pin").asString()) : Optional.empty();
        Instant refreshed = Instant.parse(MarketplaceJson.text(root, "refreshedAt", file));
        return Optional.of(new OfferFile(offers, pin, refreshed));
    }

    void write(Path dir) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>(offers.size());
        for (Offer offer : offers) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", offer.id().toString());
            node.put("version", offer.version().toString());
            node.put("description", offer.description());
            node.put("keywords", offer.keywords());
            node.put("signed", offer.signed());
            offer.permissions().ifPresent(ps -> node.put("permissions", ps.stream().map(p -> Map.of("kind", p.kind(),
                    "scope", p.scope(), "risk", p.risk(), "optional", p.optional())).toList()));
            node.put("ref", offer.ref());
            list.add(node);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("refreshedAt", refreshedAt.toString());
        pin.ifPresent(p -> root.put("pin", p));
        root.put("offers", list);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(FILE), MarketplaceJson.write(root));
    }
}
