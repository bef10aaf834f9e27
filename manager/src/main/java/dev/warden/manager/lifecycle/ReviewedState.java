package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.WardenState;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the state a review was shown against: one plugin's installed version, pending update and grants.
 * The person is asked without the state lock held, so that reading a review never blocks other Warden
 * processes; the change is committed under the lock only while that part is still what the person saw.
 *
 * @param id      the plugin reviewed
 * @param plugin  its entry when the review was shown; empty if it was not installed
 * @param grants  what it held then
 */
record ReviewedState(PluginId id, Optional<InstalledPlugin> plugin, GrantSet grants) {

    static ReviewedState of(WardenState state, PluginId id) {
        return new ReviewedState(id, state.plugin(id), state.grants(id));
    }

    /** The held lock and the state read under it; closing releases the lock. */
    record Locked(StateLock lock, WardenState state) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * Takes the state lock and re-reads the state.
     *
     * @return the lock with the current state, whose other plugins may have changed meanwhile
     * @throws RefusalException if this plugin's version, pending update or grants changed since the review
     *                          (another Warden process changed them); nothing is changed, and it is audited
     */
    Locked lock(Lifecycle lifecycle, String command) throws Exception {
        StateLock lock = lifecycle.lock(command);
        try {
            WardenState now = lifecycle.store().read();
            Optional<String> change = changeSince(now);
            if (change.isPresent()) {
                lifecycle.record("review.outdated", Optional.of(id), Map.of("command", command, "change", change.get()));
                throw new RefusalException("nothing was changed: while you were reading the review, another Warden process "
                        + change.get() + "; run the command again to review " + id + " as it is now");
            }
            return new Locked(lock, now);
        } catch (Exception | Error e) {
            lock.close();
            throw e;
        }
    }

    /** @return what changed about this plugin, said as something another process did; empty if nothing did */
    Optional<String> changeSince(WardenState now) {
        Optional<InstalledPlugin> current = now.plugin(id);
        if (plugin.isEmpty() || current.isEmpty()) {
            if (plugin.isPresent()) {
                return Optional.of("removed " + id);
            }
            return current.map(p -> "installed " + id + " " + p.version());
        }
        InstalledPlugin before = plugin.get();
        InstalledPlugin after = current.get();
        if (!before.version().equals(after.version()) || !before.manifestSha256().equals(after.manifestSha256())) {
            return Optional.of("changed " + id + " from " + before.version() + " to " + after.version());
        }
        Optional<String> pendingBefore = before.pending().map(p -> p.version() + " " + p.manifestSha256());
        Optional<String> pendingAfter = after.pending().map(p -> p.version() + " " + p.manifestSha256());
        if (!pendingBefore.equals(pendingAfter)) {
            return Optional.of(after.pending().map(p -> "staged version " + p.version() + " of " + id + " for review")
                    .orElse("decided on the update of " + id + " that was waiting for review"));
        }
        if (!grants.equals(now.grants(id))) {
            return Optional.of("changed the grants of " + id + " (see 'warden grants " + id + "')");
        }
        return Optional.empty();
    }
}
