package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.io.AtomicFiles;
import dev.warden.registry.tuf.TargetListing.ListedPermission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

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
    private static final JsonFactory JSON = JsonFactory.builder().build();

    public OfferFile {
        offers = List.copyOf(offers);
    }

    static Optional<OfferFile> read(Path dir, String marketplace, MarketplaceKind kind) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), Files.readAllBytes(file))) {
            expect(parser, JsonToken.START_OBJECT, file);
            List<Offer> offers = new ArrayList<>();
            Optional<String> pin = Optional.empty();
            Instant refreshed = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "refreshedAt" -> refreshed = Instant.parse(parser.getString());
                    case "pin" -> pin = Optional.of(parser.getString());
                    case "offers" -> {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            offers.add(offer(parser, marketplace, kind));
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (refreshed == null) {
                throw damaged(file, "'refreshedAt' is missing", marketplace);
            }
            return Optional.of(new OfferFile(offers, pin, refreshed));
        } catch (JacksonException | DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw damaged(file, e.getMessage(), marketplace);
        }
    }

    private static Offer offer(JsonParser parser, String marketplace, MarketplaceKind kind) {
        String id = null;
        String version = null;
        String description = "";
        String ref = null;
        List<String> keywords = new ArrayList<>();
        Optional<List<ListedPermission>> permissions = Optional.empty();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            switch (name) {
                case "id" -> id = parser.getString();
                case "version" -> version = parser.getString();
                case "description" -> description = parser.getString();
                case "ref" -> ref = parser.getString();
                case "keywords" -> {
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        keywords.add(parser.getString());
                    }
                }
                case "permissions" -> {
                    List<ListedPermission> list = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_ARRAY) {
                        parser.nextToken();
                        String permissionKind = parser.getString();
                        parser.nextToken();
                        String scope = parser.getString();
                        parser.nextToken();
                        int risk = parser.getIntValue();
                        parser.nextToken();
                        boolean optional = parser.getBooleanValue();
                        parser.nextToken();
                        list.add(new ListedPermission(permissionKind, scope, risk, optional));
                    }
                    permissions = Optional.of(list);
                }
                default -> parser.skipChildren();
            }
        }
        return new Offer(marketplace, kind, PluginId.parse(id), Version.parse(version), description, keywords,
                permissions, ref);
    }

    void write(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + offers.size() * 256);
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
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
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(FILE), bytes.toByteArray());
    }

    private static void expect(JsonParser parser, JsonToken token, Path file) throws IOException {
        if (parser.nextToken() != token) {
            throw new IOException(file + " does not start with a JSON object");
        }
    }

    private static IOException damaged(Path file, String what, String marketplace) {
        return new IOException(file + " is damaged (" + what + "); run 'warden marketplace update " + marketplace
                + "' to write it again");
    }
}
