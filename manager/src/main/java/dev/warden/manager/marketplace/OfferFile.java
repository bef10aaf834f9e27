package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.AtomicFiles;
import dev.warden.io.StrictJson;
import dev.warden.io.StrictJsonException;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

/**
 * A marketplace's offers as last seen, in its cache folder: what {@code search} and {@code info}
 * read without verifying metadata again. It is written only after the metadata it comes from was
 * verified; installing re-verifies from the marketplace itself. Read and written with Jackson's
 * streaming API, because a large marketplace lists tens of thousands of offers.
 *
 * @param offers      every version of every plugin listed
 * @param pin         for a git marketplace, the commit the offers were read at
 * @param refreshedAt when the marketplace was last refreshed
 */
public record OfferFile(List<Offer> offers, Optional<String> pin, Instant refreshedAt) {

    static final String FILE = "offers.json";
    private static final JsonFactory JSON = new JsonFactory();

    public OfferFile {
        offers = List.copyOf(offers);
    }

    static Optional<OfferFile> read(Path dir, String marketplace, MarketplaceKind kind) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = StrictJson.standard().read(Files.readAllBytes(file));
        } catch (StrictJsonException e) {
            throw damaged(file, e.getMessage(), marketplace);
        }
        if (!root.isObject()) {
            throw new IOException(file + " does not start with a JSON object");
        }
        try {
            List<Offer> offers = new ArrayList<>();
            for (JsonNode offer : root.path("offers")) {
                offers.add(offer(offer, marketplace, kind));
            }
            Optional<String> pin = root.has("pin") ? Optional.of(text(root.get("pin"), "pin")) : Optional.empty();
            if (!root.has("refreshedAt")) {
                throw damaged(file, "'refreshedAt' is missing", marketplace);
            }
            return Optional.of(new OfferFile(offers, pin, Instant.parse(text(root.get("refreshedAt"), "refreshedAt"))));
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw damaged(file, e.getMessage(), marketplace);
        }
    }

    private static Offer offer(JsonNode node, String marketplace, MarketplaceKind kind) {
        List<String> keywords = new ArrayList<>();
        for (JsonNode keyword : node.path("keywords")) {
            keywords.add(text(keyword, "keywords"));
        }
        Optional<List<ListedPermission>> permissions = Optional.empty();
        if (node.has("permissions")) {
            List<ListedPermission> list = new ArrayList<>();
            // each permission as [kind, scope, risk, optional]
            for (JsonNode p : node.get("permissions")) {
                if (!p.isArray() || p.size() != 4 || !p.get(2).isInt() || !p.get(3).isBoolean()) {
                    throw new IllegalArgumentException("a permission is not [kind, scope, risk, optional]");
                }
                list.add(new ListedPermission(text(p.get(0), "permissions"), text(p.get(1), "permissions"),
                        p.get(2).intValue(), p.get(3).booleanValue()));
            }
            permissions = Optional.of(list);
        }
        String description = node.has("description") ? text(node.get("description"), "description") : "";
        String ref = node.has("ref") ? text(node.get("ref"), "ref") : null;
        return new Offer(marketplace, kind, PluginId.parse(text(node.get("id"), "id")),
                Version.parse(text(node.get("version"), "version")), description, keywords, permissions, ref);
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException("'" + field + "' is not a string");
        }
        return node.stringValue();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        // streamed to the file: tens of thousands of offers are megabytes, not worth holding (and copying) whole
        AtomicFiles.write(dir.resolve(FILE), (channel, temp) -> write(new BufferedOutputStream(
                Channels.newOutputStream(channel), 1 << 16)));
    }

    /** Writes the offers to {@code stream} and closes it. */
    private void write(OutputStream stream) throws IOException {
        try {
            writeJson(stream);
        } catch (JacksonIOException e) {
            throw e.getCause(); // the file's own failure (a full disk), which Jackson carries unchecked
        }
    }

    private void writeJson(OutputStream stream) {
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), stream)) {
            out.writeStartObject();
            out.writeName("refreshedAt");
            out.writeString(refreshedAt.toString());
            if (pin.isPresent()) {
                out.writeName("pin");
                out.writeString(pin.get());
            }
            out.writeName("offers");
            out.writeStartArray();
            for (Offer offer : offers) {
                out.writeStartObject();
                out.writeName("id");
                out.writeString(offer.id().toString());
                out.writeName("version");
                out.writeString(offer.version().toString());
                out.writeName("description");
                out.writeString(offer.description());
                out.writeName("keywords");
                out.writeStartArray();
                for (String keyword : offer.keywords()) {
                    out.writeString(keyword);
                }
                out.writeEndArray();
                if (offer.permissions().isPresent()) {
                    // each permission as [kind, scope, risk, optional]: compact for large marketplaces
                    out.writeName("permissions");
                    out.writeStartArray();
                    for (ListedPermission p : offer.permissions().get()) {
                        out.writeStartArray();
                        out.writeString(p.kind());
                        out.writeString(p.scope());
                        out.writeNumber(p.risk());
                        out.writeBoolean(p.optional());
                        out.writeEndArray();
                    }
                    out.writeEndArray();
                }
                out.writeName("ref");
                out.writeString(offer.ref());
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private static IOException damaged(Path file, String what, String marketplace) {
        return new IOException(file + " is damaged (" + what + "); run 'warden marketplace update " + marketplace
                + "' to write it again");
    }
}
