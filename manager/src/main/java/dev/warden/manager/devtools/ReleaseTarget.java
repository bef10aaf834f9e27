package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.signing.SigningKey;
import java.nio.file.Path;

/**
 * Where {@code warden release} publishes a plugin: a static signed repository ({@link StaticRepositoryTarget}); a git
 * marketplace for Claude plugin folders is another implementation of this.
 */
public interface ReleaseTarget {

    /**
     * Signs and publishes one release.
     *
     * @param staged   the plugin laid out and linted, at the version it declares; the target may change it or use it
     *                 up, since it is thrown away afterwards
     * @param manifest the staged plugin's manifest
     * @param key      the publisher's real key, checked to be the manifest's publisher's and no development key
     * @return one line for the person saying what was published where
     * @throws Exception a {@link dev.warden.io.WardenException} saying what was refused or failed; nothing is
     *                   published then
     */
    String publish(Path staged, PluginManifest manifest, SigningKey key) throws Exception;
}
