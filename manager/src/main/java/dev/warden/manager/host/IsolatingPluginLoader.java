package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.verify.VerificationReport;
import dev.warden.manager.verify.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;

/**
 * Gives each plugin its own {@link IsolatedClassLoader} over {@code classes/} and {@code lib/*.jar}, after
 * checking the installed code again (DESIGN 6.2). Code that fails the check is not loaded at all.
 */
final class IsolatingPluginLoader implements PluginLoader {

    private final LoadCheck checks;
    private final Predicate<String> jdkClasses;

    IsolatingPluginLoader(LoadCheck checks, Predicate<String> jdkClasses) {
        this.checks = checks;
        this.jdkClasses = jdkClasses;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        ManifestDescriptor plugin = (ManifestDescriptor) descriptor;
        PluginManifest manifest = plugin.manifest();
        checkInstalledAt(manifest, pluginPath);
        try {
            checkCode(checks.check(pluginPath));
            return new IsolatedClassLoader(plugin.manifest().id(), codeUrls(pluginPath), jdkClasses);
        } catch (IOException e) {
            throw new PluginRuntimeException("cannot read its code in " + pluginPath + ": " + e.getMessage());
        }
    }

    /** @throws PluginRuntimeException if the manifest names another plugin or version than the folder it is installed in */
    static void checkInstalledAt(PluginManifest manifest, Path pluginPath) {
        // The catalog's id and version are the folder's path; the grants looked up are those of the manifest's id.
        if (!pluginPath.endsWith(Path.of(manifest.publisher(), manifest.name(), manifest.version().toString()))) {
            throw new PluginRuntimeException("its plugin.json names " + manifest.id() + " " + manifest.version()
                    + ", but it is installed in " + pluginPath + "; the file was changed after install: reinstall or remove it");
        }
    }

    /** @throws PluginRuntimeException if the installed code failed its check */
    static void checkCode(VerificationReport report) {
        if (!report.passed()) {
            throw new PluginRuntimeException("its installed code fails the bytecode check: "
                    + report.violations().stream().map(Violation::describe).collect(Collectors.joining("; "))
                    + " (the files changed since install, or Warden's rules did; reinstall or remove it)");
        }
    }

    private static List<URL> codeUrls(Path pluginPath) throws IOException {
        List<URL> urls = new ArrayList<>();
        Path classes = pluginPath.resolve("classes");
        if (Files.isDirectory(classes, LinkOption.NOFOLLOW_LINKS)) {
            urls.add(url(classes));
        }
        Path lib = pluginPath.resolve("lib");
        if (Files.isDirectory(lib, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(lib, "*.jar")) {
                entries.forEach(jars::add);
            }
            jars.sort(null);
            for (Path jar : jars) {
                urls.add(url(jar));
            }
        }
        return urls;
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
