package dev.warden.manager.cli;

import dev.warden.api.manifest.PluginManifest;
import dev.warden.catalog.manifest.ManifestParser;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds and parses the manifest of a plugin source folder. */
final class ManifestFiles {

    private ManifestFiles() {
    }

    static PluginManifest parse(Path sourceDir) throws Exception {
        Path root = sourceDir.resolve("plugin.json");
        Path claude = sourceDir.resolve(".claude-plugin").resolve("plugin.json");
        Path file = Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS) ? root : claude;
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CommandException.error(sourceDir + ": no plugin.json (nor .claude-plugin/plugin.json)");
        }
        return ManifestParser.standard().parse(Files.readAllBytes(file));
    }
}
