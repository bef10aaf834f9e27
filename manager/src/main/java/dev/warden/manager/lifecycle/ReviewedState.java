package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.StateException;
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

    /**
     * Refuses a change if this plugin's version, pending update or grants in {@code now} (read under the lock)
     * differ from what the review showed: another Warden process changed them. It is audited; other plugins may
     * have changed meanwhile without harm.
     *
     * @throws RefusalException if the plugin changed; nothing is changed
     */
    void refuseIfChanged(Lifecycle lifecycle, String command, WardenState now) throws StateException, RefusalException {
        Optional<String> change = changeSince(now);
        if (change.isPresent()) {
            lifecycle.record(AuditEvent.REVIEW_OUTDATED, Optional.of(id), Map.of("command", command, "change", change.get()));
            throw new RefusalException("nothing was changed: while you were reading the review, another Warden process "
                    + change.get() + "; run the command again to review " + id + " as it is now");
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
