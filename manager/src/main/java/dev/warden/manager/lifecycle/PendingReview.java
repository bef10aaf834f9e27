package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.permissions.PrivilegeIncrease;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PendingUpdate;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.review.PluginContents;
import dev.warden.manager.review.ReviewScreen;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code warden review ID}: shows a held update's difference and approves or rejects it. */
public final class PendingReview {

    /** What the person decided. */
    public enum Decision { ASK, APPROVE, REJECT }

    private final Lifecycle lifecycle;
    private final PluginId id;
    private final Decision decision;

    public PendingReview(Lifecycle lifecycle, PluginId id, Decision decision) {
        this.lifecycle = lifecycle;
        this.id = id;
        this.decision = decision;
    }

    public InstallResult run() throws Exception {
        // shown and decided without the lock (a person reading must not block other processes); committed
        // under it only if the plugin is still as shown
        WardenState state = lifecycle.store().read();
        InstalledPlugin installed = StateChange.installed(state, id);
        PendingUpdate pending = installed.pending().orElseThrow(() -> new RefusalException(
                id + " has no update waiting for review and no changed MCP server tool"));
        PluginManifest current = lifecycle.installedManifest(installed);
        PluginManifest update = lifecycle.installedManifest(id, pending.version(), pending.manifestSha256());
        UpdateReview review = McpServerFiles.review(PrivilegeIncrease.between(current, state.grants(id).granted(), update),
                lifecycle.store().pluginDir(id, installed.version()), lifecycle.store().pluginDir(id, pending.version()));
        new ReviewScreen(lifecycle.out()).update(current, update, Optional.empty(), review, List.of(), 0,
                Optional.of(Map.entry(PluginContents.of(lifecycle.store().pluginDir(id, installed.version()), current),
                        PluginContents.of(lifecycle.store().pluginDir(id, pending.version()), update))));
        if (!pending.verified()) {
            lifecycle.out().println("  (the update was UNVERIFIED when it arrived)");
        }
        Decision decided = decision;
        if (decided == Decision.ASK) {
            if (!lifecycle.consent().canAsk()) {
                throw new RefusalException("nothing decided: review at a terminal, or pass --yes to approve or --reject");
            }
            decided = lifecycle.consent().confirm("Approve and update " + id + " to " + pending.version() + "?")
                    ? Decision.APPROVE : Decision.REJECT;
        }
        try (ReviewedState.Locked locked = ReviewedState.of(state, id).lock(lifecycle, "review " + id)) {
            InstalledPlugin now = locked.state().plugin(id).orElseThrow();
            if (decided == Decision.APPROVE) {
                lifecycle.record("review.approved", Optional.of(id), Map.of("version", pending.version().toString()));
                return PluginUpdate.apply(lifecycle, locked.lock(), locked.state(), now, update,
                        PluginUpdate.Staged.pending(pending), review, true);
            }
            // a plugin disabled or quarantined while the update waited stays so: rejecting is no way to enable it
            PluginStatus after = now.status() == PluginStatus.PENDING_REVIEW ? PluginStatus.ENABLED : now.status();
            lifecycle.store().commit(locked.lock(), locked.state().withPlugin(now.withStatus(after).withPending(Optional.empty())));
            PluginUpdate.deleteQuietly(lifecycle.store().pluginDir(id, pending.version()));
            lifecycle.record("review.rejected", Optional.of(id), Map.of("version", pending.version().toString()));
            lifecycle.out().printf("Rejected %s %s; %s stays %s at %s.%n", id, pending.version(), id,
                    after.name().toLowerCase(Locale.ROOT), installed.version());
        }
        return new InstallResult(id, installed.version(), InstallResult.Outcome.ALREADY_INSTALLED);
    }
}
