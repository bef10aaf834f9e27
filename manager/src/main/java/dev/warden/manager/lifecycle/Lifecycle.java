package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.ManifestException;
import dev.warden.catalog.manifest.ManifestParser;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.policy.Policy;
import dev.warden.catalog.policy.PolicyException;
import dev.warden.catalog.policy.PolicyLoader;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateException;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.StateStore;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.Digests;
import dev.warden.manager.home.WardenHome;
import dev.warden.signing.TrustDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What every lifecycle step works with: the state folder, audit log, policy, trust, clock, and how to show the
 * person a review and ask them.
 */
public record Lifecycle(WardenHome home, StateStore store, AuditLog audit, Policy policy, TrustDirectory trust,
                        Clock clock, Consent consent, Duration lockWait) {

    /** How long a command waits, by default, for another Warden process to finish changing state. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);
    /** Environment variable with another wait, in seconds. */
    public static final String LOCK_WAIT_VARIABLE = "WARDEN_LOCK_WAIT";

    public static Lifecycle open(WardenHome home, Map<String, String> env, Clock clock, Consent consent)
            throws PolicyException {
        StateStore store = new StateStore(home.root());
        Policy policy = policy(home);
        Lifecycle lifecycle = new Lifecycle(home, store, new AuditLog(store.auditDir()), policy,
                new TrustDirectory(home.userTrustDir(), home.systemTrustDir()), clock, consent, lockWait(env));
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

    /**
     * Carries out one change of the state: takes the lock (waiting as configured), reads the state, lets
     * {@code transaction} decide, then writes its audit entries, commits its state and does its follow-up work,
     * before releasing the lock. The entries are written before the commit, so that the commit records an audit
     * head that includes them: a crash between the two leaves an entry for a change that did not happen, never a
     * change the log does not explain.
     *
     * @param command what is being done, shown to other processes that find the lock busy
     * @return the transaction's result
     * @throws X             what the transaction threw to refuse; nothing is changed
     * @throws StateException if the lock, the audit entry or the commit failed
     * @throws IOException   if work after the commit failed; the change is committed and audited
     */
    public <R, X extends Exception> R change(String command, Transaction<R, X> transaction) throws X, StateException, IOException {
        try (StateLock lock = store.lock(lockWait, command)) {
            return carryOut(lock, store.read(), transaction);
        }
    }

    /**
     * As {@link #change(String, Transaction)} for a change the person consented to without the lock: it is carried
     * out only while the plugin is still as {@code reviewed} shows it.
     *
     * @throws RefusalException if another process changed the plugin since; audited as {@code review.outdated}
     */
    <R, X extends Exception> R change(String command, ReviewedState reviewed, Transaction<R, X> transaction)
            throws X, StateException, RefusalException, IOException {
        try (StateLock lock = store.lock(lockWait, command)) {
            WardenState state = store.read();
            reviewed.refuseIfChanged(this, command, state);
            return carryOut(lock, state, transaction);
        }
    }

    private <R, X extends Exception> R carryOut(StateLock lock, WardenState state, Transaction<R, X> transaction)
            throws X, StateException, IOException {
        Change<R> change = transaction.decide(state);
        for (Change.Entry entry : change.entries()) {
            record(entry.event(), entry.plugin(), entry.details());
        }
        if (change.next().isPresent()) {
            store.commit(lock, change.next().get());
        }
        R result = change.result();
        for (Change.AfterCommit<R> work : change.after()) {
            result = work.run(result);
        }
        return result;
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
            record(AuditEvent.PLUGIN_MANIFEST_CHANGED, Optional.of(id), Map.of("version", version.toString(),
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
    public void record(AuditEvent event, Optional<PluginId> plugin, Map<String, ?> details) throws StateException {
        audit.append(event, plugin, details, clock.instant());
    }
}
