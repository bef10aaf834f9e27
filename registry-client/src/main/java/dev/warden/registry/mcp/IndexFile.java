package dev.warden.registry.mcp;

import dev.warden.io.AtomicFiles;
import dev.warden.io.JsonPath;
import dev.warden.io.StrictJson;
import dev.warden.io.UnsafeCharacters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cached index of one registry on disk: {@code servers.json} holding the time of the last
 * refresh, the API path that answered, and the listings in the registry's own (camelCase) shape, so
 * that they are read back by the same strict parser that read them from the network. Written
 * atomically: a temporary file, fsync, rename over the old one, fsync of the folder.
 */
final class IndexFile {

    static final String NAME = "servers.json";
    static final String FORMAT = "warden.mcp-registry-index/v1";
    /** Far above any real registry (tens of thousands of servers); a bigger file is not ours. */
    static final int MAX_BYTES = 256 * 1024 * 1024;

    private static final JsonMapper WRITER = JsonMapper.builder().build();

    /** What the file holds. */
    record Content(Optional<Instant> lastRefresh, String apiPath, List<McpServerListing> servers) {
    }

    private IndexFile() {
    }

    /** @return the content, or empty when nothing is cached yet */
    static Optional<Content> read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file; delete it and refresh the registry");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes; delete it and refresh the registry");
        }
        try {
            StrictJson.Result tree = ListingParser.read(bytes);
            if (!tree.problems().isEmpty()) {
                throw new IllegalArgumentException(tree.problems().get(0).toString());
            }
            Fields root = Fields.of(tree.root().orElseThrow(), JsonPath.ROOT);
            String format = root.requiredLine("format");
            if (!format.equals(FORMAT)) {
                throw new IllegalArgumentException("$.format is " + UnsafeCharacters.quote(format) + ", not " + FORMAT);
            }
            Optional<Instant> lastRefresh = root.line("lastRefresh").map(Instant::parse);
            String apiPath = root.line("apiPath").orElse(McpRegistryIndex.API_PATH);
            if (!apiPath.equals(McpRegistryIndex.API_PATH) && !apiPath.equals(McpRegistryIndex.OLD_API_PATH)) {
                throw new IllegalArgumentException("$.apiPath " + UnsafeCharacters.quote(apiPath) + " is not a known API path");
            }
            List<McpServerListing> servers = new ArrayList<>();
            for (Fields.Named item : root.array("servers")) {
                servers.add(ListingParser.entry(item.value(), item.name()));
            }
            return Optional.of(new Content(lastRefresh, apiPath, servers));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it and refresh the registry", e);
        }
    }

    static void write(Path dir, Content content) throws IOException {
        ObjectNode root = WRITER.createObjectNode();
        root.put("format", FORMAT);
        content.lastRefresh().ifPresent(t -> root.put("lastRefresh", t.toString()));
        root.put("apiPath", content.apiPath());
        ArrayNode servers = root.putArray("servers");
        for (McpServerListing listing : content.servers()) {
            servers.add(toJson(listing));
        }
        byte[] bytes = WRITER.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(NAME), bytes);
    }

    private static ObjectNode toJson(McpServerListing listing) {
        ObjectNode item = WRITER.createObjectNode();
        ObjectNode server = item.putObject("server");
        server.put("name", listing.name());
        server.put("version", listing.version());
        server.put("description", listing.description());
        listing.title().ifPresent(t -> server.put("title", t));
        listing.repositoryUrl().ifPresent(url -> server.putObject("repository").put("url", url));
        ArrayNode packages = server.putArray("packages");
        for (McpPackage p : listing.packages()) {
            ObjectNode node = packages.addObject();
            node.put("registryType", p.registryType());
            node.put("identifier", p.identifier());
            node.put("version", p.version());
            p.runtimeHint().ifPresent(h -> node.put("runtimeHint", h));
            node.putObject("transport").put("type", p.transportType());
            // arguments are kept as the words they resolved to, each a fixed positional value
            positional(node.putArray("runtimeArguments"), p.runtimeArguments());
            positional(node.putArray("packageArguments"), p.packageArguments());
            p.fileSha256().ifPresent(hash -> node.put("fileSha256", hash));
            ArrayNode variables = node.putArray("environmentVariables");
            for (McpEnvVar v : p.environmentVariables()) {
                input(variables.addObject().put("name", v.name()), v);
            }
        }
        ArrayNode remotes = server.putArray("remotes");
        for (McpRemote r : listing.remotes()) {
            ObjectNode remote = remotes.addObject().put("type", r.type()).put("url", r.url());
            variables(remote, r.variables());
            ArrayNode headers = remote.putArray("headers");
            for (McpHeader h : r.headers()) {
                ObjectNode header = headers.addObject().put("name", h.name()).put("description", h.description())
                        .put("isRequired", h.required()).put("isSecret", h.secret());
                h.value().ifPresent(value -> header.put("value", value));
                variables(header, h.variables());
            }
        }
        ObjectNode official = item.putObject("_meta").putObject(ListingParser.OFFICIAL_META);
        official.put("status", listing.status());
        listing.updatedAt().ifPresent(t -> official.put("updatedAt", t.toString()));
        official.put("isLatest", listing.latest());
        return item;
    }

    private static void variables(ObjectNode owner, List<McpEnvVar> variables) {
        ObjectNode object = owner.putObject("variables");
        variables.forEach(v -> input(object.putObject(v.name()), v));
    }

    private static void input(ObjectNode node, McpEnvVar v) {
        node.put("description", v.description()).put("isRequired", v.required()).put("isSecret", v.secret())
                .put("format", v.format());
        v.defaultValue().ifPresent(d -> node.put("default", d));
        if (!v.choices().isEmpty()) {
            v.choices().forEach(node.putArray("choices")::add);
        }
    }

    private static void positional(ArrayNode array, List<String> words) {
        for (String word : words) {
            array.addObject().put("type", "positional").put("value", word);
        }
    }
}
