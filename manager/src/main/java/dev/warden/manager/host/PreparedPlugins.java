package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.verify.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;

/**
 * The slow part of loading — reading each manifest and checking each plugin's code — done on all cores and
 * ahead of time, while the host reads the catalog. PF4J then loads the plugins one by one and takes each
 * result here once; a plugin that failed here is simply read and checked again by PF4J, which reports why.
 */
final class PreparedPlugins implements PluginDescriptorFinder {

    private final LoadCheck checks;
    private final ManifestDescriptorFinder finder = new ManifestDescriptorFinder();
    private final Map<Path, PluginDescriptor> descriptors = new ConcurrentHashMap<>();
    private final Map<Path, VerificationReport> reports = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    PreparedPlugins(LoadCheck checks) {
        this.checks = checks;
    }

    /**
     * Starts preparing the installed versions under {@code pluginsRoot} ({@code publisher/name/version}) of the
     * plugins {@code which} selects.
     */
    void begin(Path pluginsRoot, Predicate<PluginId> which) {
        done = CompletableFuture.runAsync(() -> installedVersions(pluginsRoot, which).parallelStream().forEach(this::prepare));
    }

    private void prepare(Path path) {
        try {
            descriptors.put(path, finder.find(path));
            reports.put(path, checks.check(path));
        } catch (RuntimeException | IOException e) {
            // PF4J meets the same failure when it loads the plugin, and reports it
        }
    }

    /** Waits until what was begun is prepared. */
    void await() {
        done.join();
    }

    @Override
    public boolean isApplicable(Path path) {
        return finder.isApplicable(path);
    }

    @Override
    public PluginDescriptor find(Path path) {
        PluginDescriptor prepared = descriptors.remove(path);
        return prepared != null ? prepared : finder.find(path);
    }

    VerificationReport report(Path path) throws IOException {
        VerificationReport prepared = reports.remove(path);
        return prepared != null ? prepared : checks.check(path);
    }

    private static List<Path> installedVersions(Path root, Predicate<PluginId> which) {
        List<Path> versions = new ArrayList<>();
        try {
            for (Path publisher : children(root)) {
                for (Path name : children(publisher)) {
                    if (selected(publisher, name, which)) {
                        versions.addAll(children(name));
                    }
                }
            }
        } catch (IOException e) {
            // nothing prepared ahead; PF4J reads each plugin itself
        }
        return versions;
    }

    private static boolean selected(Path publisher, Path name, Predicate<PluginId> which) {
        try {
            return which.test(PluginId.parse(publisher.getFileName() + "/" + name.getFileName()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }
}
