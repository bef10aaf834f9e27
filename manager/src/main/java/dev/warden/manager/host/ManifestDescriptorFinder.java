package dev.warden.manager.host;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;

/** Reads an installed plugin's {@code plugin.json} with the same strict parser the install used. */
final class ManifestDescriptorFinder implements PluginDescriptorFinder {

    static final String MANIFEST = "plugin.json";

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isRegularFile(pluginPath.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public PluginDescriptor find(Path pluginPath) {
        Path file = pluginPath.resolve(MANIFEST);
        try {
            return new ManifestDescriptor(ManifestParser.standard().parse(Files.readAllBytes(file)));
        } catch (IOException | ManifestException e) {
            throw new PluginRuntimeException("cannot read " + file + ": " + e.getMessage() + "; reinstall the plugin");
        }
    }
}
