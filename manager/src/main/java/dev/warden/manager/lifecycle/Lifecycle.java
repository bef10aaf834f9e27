package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyException;
import dev.warden.catalog.policy.PolicyLoader;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import dev.warden.io.Digests;
import dev.warden.manager.home.WardenHome;
import dev.warden.signing.TrustDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What every lifecycle step works with: the state folder, audit log, policy, trust, clock, where
 * to show reviews, and how to ask the person.
 */
public record Lifecycle(WardenHome home, StateStore store, AuditLog audit, Policy policy, TrustDirectory trust,
                        Clock clock, PrintWriter out, Consent consent, Duration lockWait) {

    /** How long a command waits, by default, for another Warden process to finish changing state. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);
    /** Environment variable with another wait, in seconds. */
    public static final String LOCK_WAIT_VARIABLE = "WARDEN_LOCK_WAIT";

    public static Lifecycle open(WardenHome home, Map<String, String> env, Clock clock, PrintWriter out, Consent consent)
            throws PolicyException {
        StateStore store = new StateStore(home.root());
        Policy policy = policy(home);
        Lifecycle lifecycle = new Lifecycle(home, store, new AuditLog(store.auditDir()), policy,
                new TrustDirectory(home.userTrustDir(), home.systemTrustDir()), clock, out, consent, lockWait(env));
        try {
            PolicyChanges.record(lifecycle, policy);
        } catch (StateException e) {
            // the audit log's own problem is reported by `warden audit verify`; the change is compared again next time
        }
        return lifecycle;
    }

    /**
     * Reads the policy of a home alone, for commands that need nothing else of the lifecycle.
     *
     * @return the system policy merged with the person's ({@link PolicyLoader})
     * @throws PolicyException if a policy file exists but cannot be read or breaks the format
     */
    public static Policy policy(WardenHome home) throws PolicyException {
        return PolicyLoader.load(home.systemDir().resolve("policy.json"), home.root().resolve("policy.json"));
    }

    private static Duration lockWait(Map<String, String> env) {
        String value = env.get(LOCK_WAIT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_LOCK_WAIT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(LOCK_WAIT_VARIABLE + " must be a number of seconds from 0 to 3600, not '" + value + "'");
    }

    /** Takes the state lock for {@code command}, waiting as configured. */
    public StateLock lock(String command) throws StateException {
        return store.lock(lockWait, command);
    }

    /** The manifest of an installed version, as extracted at install time. */
    public PluginManifest installedManifest(PluginId id, Version version) throws StateException {
        Path file = store.pluginDir(id, version).resolve("plugin.json");
        try {
            return ManifestParser.standard().parse(Files.readAllBytes(file));
        } catch (IOException | ManifestException e) {
            throw new StateException("cannot read the installed manifest " + file + ": " + e.getMessage()
                    + "; reinstall the plugin");
        }
    }

    /**
     * The manifest of an installed version, parsed from the very bytes whose SHA-256 is compared with the one
     * recorded when the person reviewed it.
     *
     * @param expectedSha256 the hash recorded in the state ({@link InstalledPlugin#manifestSha256()} or a pending update's)
     * @throws ManifestChangedException if the file's hash differs; audited as {@code plugin.manifest.changed}
     * @throws StateException           if the file cannot be read or parsed, or the audit entry cannot be written
     */
    public PluginManifest installedManifest(PluginId id, Version version, String expectedSha256)
            throws StateException, ManifestChangedException {
        Path file = store.pluginDir(id, version).resolve("plugin.json");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StateException("cannot read the installed manifest " + file + ": " + e.getMessage() + "; reinstall the plugin");
        }
        // the same digest the intake recorded
        String found = Digests.sha256Hex(bytes);
        if (!found.equals(expectedSha256)) {
            record("plugin.manifest.changed", Optional.of(id), Map.of("version", version.toString(),
                    "recorded", expectedSha256, "found", found));
            throw new ManifestChangedException(id, version, expectedSha256, found);
        }
        try {
            return ManifestParser.standard().parse(bytes);
        } catch (ManifestException e) {
            throw new StateException("cannot read the installed manifest " + file + ": " + e.getMessage()
                    + "; reinstall the plugin");
        }
    }

    /** As {@link #installedManifest(PluginId, Version, String)} for the installed version of {@code plugin}. */
    public PluginManifest installedManifest(InstalledPlugin plugin) throws StateException, ManifestChangedException {
        return installedManifest(plugin.id(), plugin.version(), plugin.manifestSha256());
    }

    /** Appends an audit entry; a failure to audit fails the command, because the log must not miss a change. */
    public void record(String event, Optional<PluginId> plugin, Map<String, ?> details) throws StateException {
        audit.append(event, plugin, details, clock.instant());
    }
}
