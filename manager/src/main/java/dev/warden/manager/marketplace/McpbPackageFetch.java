package dev.warden.manager.marketplace;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.io.Digests;
import dev.warden.io.UnsafeCharacters;
import dev.warden.io.WardenException;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.imports.McpRunnerPath;
import dev.warden.manager.lifecycle.RefusalException;
import dev.warden.manager.mcpb.McpbBundle;
import dev.warden.manager.mcpb.McpbImport;
import dev.warden.manager.mcpb.McpbManifest;
import dev.warden.manager.runtime.HttpAddresses;
import dev.warden.registry.fetch.FetchException;
import dev.warden.registry.fetch.FetchSettings;
import dev.warden.registry.fetch.FetchedFile;
import dev.warden.registry.fetch.Fetchers;
import dev.warden.registry.fetch.Progress;
import dev.warden.registry.mcp.McpPackage;
import dev.warden.signing.BundleException;
import dev.warden.signing.BundleLimits;
import dev.warden.signing.BundleWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Installs an MCP Registry entry published as an MCPB bundle: downloads the file its {@code identifier}
 * names through the marketplace fetcher (its size limit, no redirect to another origin), checks it
 * against the entry's {@code fileSha256} before anything inside is read, then makes it a plugin with
 * the MCPB import, as an {@code .mcpb} file given to {@code warden install} is.
 *
 * <p>The download URL must be https to a host that is not an address of this machine or its networks;
 * plain http to this machine only when the registry itself is reached that way (a registry on
 * 127.0.0.1, as in tests).
 */
final class McpbPackageFetch {

    private static final String FILE = "package.mcpb";

    private final FetchSettings settings;
    private final Progress progress;
    private final WardenHome home;
    private final Clock clock;

    McpbPackageFetch(FetchSettings settings, Progress progress, WardenHome home, Clock clock) {
        this.settings = settings;
        this.progress = progress;
        this.home = home;
        this.clock = clock;
    }

    /**
     * @param server   the registry name, for messages
     * @param pkg      the MCPB package, with its file hash
     * @param id       the plugin id to install under
     * @param registry the registry's location, which decides whether a loopback http URL is accepted
     * @param work     an empty private folder; the caller deletes it
     * @return the unsigned bundle made from the checked file
     * @throws MarketplaceProblem when the URL is not one Warden downloads from (exit 1)
     * @throws BundleException    when the file's SHA-256 differs from fileSha256 (exit 4), or the bundle or its
     *                            signature is refused (exit 4)
     * @throws RefusalException   when the bundle is made for another platform (exit 3)
     */
    PreparedBundle prepare(String server, McpPackage pkg, PluginId id, String registry, Path work) throws Exception {
        String expected = pkg.fileSha256().orElseThrow(() -> new IllegalArgumentException("no fileSha256: " + server));
        URI url = downloadUrl(server, pkg.identifier(), registry);
        String raw = url.toASCIIString();
        int slash = raw.lastIndexOf('/');
        String folder = raw.substring(0, slash + 1);
        String name = raw.substring(slash + 1);
        Path file = work.resolve(FILE);
        FetchedFile fetched;
        try {
            fetched = Fetchers.open(folder, settings).download(name, BundleLimits.defaults().maxTotalBytes(), file,
                    List.of("sha256"), progress);
        } catch (FetchException e) {
            throw new MarketplaceProblem("the MCPB package of " + q(server) + " could not be downloaded from " + q(raw) + ": "
                    + e.getMessage());
        }
        String actual = fetched.hashes().get("sha256");
        if (!Digests.sameHex(expected, actual)) {
            throw new BundleException(BundleException.Failure.CONTENT_MISMATCH, raw, "the MCPB package of " + q(server)
                    + " downloaded from " + q(raw) + " has the SHA-256 " + actual + ", but the registry lists fileSha256 "
                    + expected + "; it was not unpacked or installed. The file changed since it was published, or the"
                    + " registry entry is wrong: report it to the server's publisher");
        }
        McpbBundle bundle = McpbBundle.read(file, McpbBundle.anchors(home), clock.instant(), BundleLimits.defaults());
        String platform = McpbManifest.currentPlatform();
        if (!bundle.manifest().runsOn(platform)) {
            throw new RefusalException("the MCPB package of " + q(server) + " is made for "
                    + String.join(", ", bundle.manifest().platforms()) + " (its compatibility.platforms), not for this "
                    + platform + " machine. Not installed");
        }
        McpbImport.Imported imported = McpbImport.convert(bundle, id, work.resolve("plugin"), McpRunnerPath.fromEnvironment());
        Path wpk = work.resolve(id.publisher() + "-" + id.name() + "-" + imported.version() + ".wpk");
        BundleWriter.pack(imported.dir(), wpk, BundleLimits.defaults(), BundleWriter.Packing.TRANSIENT);
        return new PreparedBundle(wpk, imported.id(), imported.version());
    }

    /** @throws MarketplaceProblem naming the entry and what is wrong with its URL */
    static URI downloadUrl(String server, String identifier, String registry) throws MarketplaceProblem {
        URI url;
        try {
            url = new URI(identifier);
        } catch (URISyntaxException e) {
            throw badUrl(server, identifier, "it is not a URL");
        }
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw badUrl(server, identifier, "it must be a plain https:// file URL: a host, a path, no user name, query"
                    + " or fragment");
        }
        String path = url.getRawPath();
        if (path == null || path.endsWith("/") || path.lastIndexOf('/') < 0) {
            throw badUrl(server, identifier, "it names no file");
        }
        if (("/" + path + "/").matches(".*/\\.{1,2}/.*") || path.contains("//")) {
            throw badUrl(server, identifier, "its path has '.', '..' or empty segments");
        }
        // a registry reached over http on this machine (a test's) may name files on this machine; no other may
        boolean loopbackRegistry = registry.regionMatches(true, 0, "http://", 0, 7) && !Fetchers.isInsecure(registry);
        boolean loopbackFile = HttpAddresses.restrictedRangeOf(host, false).filter("loopback"::equals).isPresent();
        if (loopbackRegistry && loopbackFile && (scheme.equals("http") || scheme.equals("https"))) {
            return url;
        }
        if (!scheme.equals("https")) {
            throw badUrl(server, identifier, "it is not https");
        }
        Optional<String> range = HttpAddresses.restrictedRangeOf(host, true);
        if (range.isPresent()) {
            throw badUrl(server, identifier, "its host is a " + range.get() + " address, which a registry entry may not"
                    + " send Warden to");
        }
        return url;
    }

    private static MarketplaceProblem badUrl(String server, String identifier, String why) {
        return new MarketplaceProblem("the MCPB package of " + q(server) + " is at " + q(identifier) + ", which Warden"
                + " does not download from: " + why + ". Nothing was downloaded");
    }

    private static String q(String text) {
        return UnsafeCharacters.quote(text);
    }
}
