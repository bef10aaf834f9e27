package dev.warden.manager.marketplace;

import dev.warden.io.UnsafeCharacters;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.FetchedBytes;
import dev.warden.registry.fetch.Fetcher;
import dev.warden.registry.fetch.Fetchers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells from a location what kind of marketplace it is, when the person did not say: a folder with
 * {@code root.json} is a signed repository, one with git data or {@code .claude-plugin/marketplace.json}
 * a git marketplace; a URL ending in {@code .git} or of a git transport is git; any other URL is asked
 * for {@code root.json}, then for the MCP Registry's {@code v0.1/servers}.
 */
final class KindDetection {

    private static final long PROBE_BYTES = 512 * 1024;

    private KindDetection() {
    }

    static MarketplaceKind detect(String location, FetchSettings settings) throws MarketplaceProblem {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("git@") || lower.startsWith("ssh://") || lower.startsWith("git://") || lower.endsWith(".git")
                || lower.endsWith(".git/")) {
            return MarketplaceKind.GIT;
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return detectRemote(location, settings);
        }
        Path dir = lower.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (Files.isRegularFile(dir.resolve("root.json"))) {
            return MarketplaceKind.STATIC;
        }
        if (Files.exists(dir.resolve(".git")) || Files.isRegularFile(dir.resolve(".claude-plugin/marketplace.json"))
                || Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
            return MarketplaceKind.GIT;
        }
        throw new MarketplaceProblem(UnsafeCharacters.escape(location) + (Files.isDirectory(dir)
                ? " is neither a signed repository (no root.json; create one with 'warden repo init') nor a git marketplace"
                : " does not exist") + "; name it with --kind static|git|mcp-registry if it is one");
    }

    private static MarketplaceKind detectRemote(String location, FetchSettings settings) throws MarketplaceProblem {
        Fetcher fetcher;
        try {
            fetcher = Fetchers.open(location, settings);
        } catch (FetchException e) {
            throw new MarketplaceProblem(e.getMessage());
        }
        if (probe(fetcher, "root.json").isPresent()) {
            return MarketplaceKind.STATIC;
        }
        Optional<String> servers = probe(fetcher, "v0.1/servers?limit=1");
        if (servers.isPresent() && servers.get().contains("\"servers\"")) {
            return MarketplaceKind.MCP_REGISTRY;
        }
        throw new MarketplaceProblem(UnsafeCharacters.escape(location) + " serves neither root.json (a signed repository) nor "
                + "v0.1/servers (an MCP Registry); for a git repository use its .git URL, or name the kind with "
                + "--kind static|git|mcp-registry");
    }

    private static Optional<String> probe(Fetcher fetcher, String path) throws MarketplaceProblem {
        try {
            FetchedBytes bytes = fetcher.fetch(path, PROBE_BYTES, Optional.empty());
            return Optional.of(new String(bytes.bytes(), StandardCharsets.UTF_8));
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.NOT_FOUND || e.kind() == FetchException.Kind.BAD_RESPONSE) {
                return Optional.empty();
            }
            throw new MarketplaceProblem(e.getMessage());
        }
    }
}
