package dev.warden.manager.devtools;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.io.FileTrees;
import dev.warden.io.WardenException;
import dev.warden.manager.home.WardenHome;
import dev.warden.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code warden release}: build the project, lint it, and publish it signed with the publisher's real key to a
 * {@link ReleaseTarget}. A development key is refused, and so is a key of another publisher than the plugin's.
 * Single use.
 */
public final class Release {

    private final PluginProject project;
    private final ReleaseTarget target;
    private final WardenHome person;
    private final Map<String, String> env;
    private final Clock clock;
    private final Consumer<String> progress;
    private boolean ran;

    /**
     * @param person   the person's home, whose development keys are refused too when their files lost the mark
     * @param env      the environment the build runs with
     * @param progress where the build's and the lint's lines go
     */
    public Release(PluginProject project, ReleaseTarget target, WardenHome person, Map<String, String> env, Clock clock,
                   Consumer<String> progress) {
        this.project = project;
        this.target = target;
        this.person = person;
        this.env = Map.copyOf(env);
        this.clock = clock;
        this.progress = progress;
    }

    /**
     * @return what the target says it published
     * @throws DevelopmentException refused (exit 3) for a development key or another publisher's key; an error for a
     *                              failed build or lint errors
     */
    public String run(SigningKey key, boolean offline) throws Exception {
        if (ran) {
            throw new IllegalStateException("a release runs once");
        }
        ran = true;
        if (key.development() || DevelopmentKeys.of(person, clock).isDevelopmentKey(key.keyId())) {
            throw new DevelopmentException(WardenException.Category.REFUSED, "the key " + key.keyId().fingerprint()
                    + " is a development key, made by 'warden dev' for your own builds and trusted nowhere else; release"
                    + " with your real key (from 'warden keys generate')");
        }
        project.build(offline, env);
        Path staging = Files.createTempDirectory("warden-release-");
        try {
            Path staged = staging.resolve("plugin");
            project.stage(key.publisher(), staged);
            PluginManifest manifest = project.checked(staged, progress);
            if (!manifest.publisher().equals(key.publisher())) {
                throw new DevelopmentException(WardenException.Category.REFUSED, "the key is publisher '" + key.publisher()
                        + "''s, but the plugin is published as '" + manifest.publisher() + "' (" + manifest.id()
                        + "): release with " + manifest.publisher() + "'s key");
            }
            return target.publish(staged, manifest, key);
        } finally {
            FileTrees.deleteTree(staging);
        }
    }
}
