package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.permissions.PrivilegeIncrease;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PendingUpdate;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.manager.review.PluginContents;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code warden review ID}: shows a held update's difference and approves or rejects it. */
public final class PendingReview {

    /** What the person decided. */
    public enum Decision {
        ASK, APPROVE, REJECT;

        /**
         * @return this decision, or for {@link #ASK} the person's answer to {@code question}
         * @throws RefusalException if the person must be asked and cannot be (no terminal)
         */
        Decision orAsk(Consent consent, String question) throws IOException, RefusalException {
            if (this != ASK) {
                return this;
            }
            if (!consent.canAsk()) {
                throw new RefusalException("nothing decided: review at a terminal, or pass --yes to approve or --reject");
            }
            return consent.confirm(question) ? APPROVE : REJECT;
        }
    }

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
        lifecycle.consent().show(new Review.Update(current, update, Optional.empty(), review, List.of(), 0,
                PluginContents.of(lifecycle.store().pluginDir(id, installed.version()), current),
                PluginContents.of(lifecycle.store().pluginDir(id, pending.version()), update), !pending.verified()));
        boolean approve = decision.orAsk(lifecycle.consent(), "Approve and update " + id + " to " + pending.version() + "?")
                == Decision.APPROVE;
        return lifecycle.change("review " + id, ReviewedState.of(state, id), locked -> {
            InstalledPlugin now = locked.plugin(id).orElseThrow();
            Map<String, Object> version = Map.of("version", pending.version().toString());
            if (approve) {
                return PluginUpdate.apply(lifecycle, locked, now, update, PluginUpdate.Staged.pending(pending), review, true)
                        .precededBy(AuditEvent.REVIEW_APPROVED, Optional.of(id), version);
            }
            // a plugin disabled or quarantined while the update waited stays so: rejecting is no way to enable it
            PluginStatus after = now.status() == PluginStatus.PENDING_REVIEW ? PluginStatus.ENABLED : now.status();
            InstallResult rejected = new InstallResult(id, pending.version(), InstallResult.Outcome.REJECTED,
                    Optional.of(installed.version()), after);
            return Change.commit(locked.withPlugin(now.withStatus(after).withPending(Optional.empty())),
                    AuditEvent.REVIEW_REJECTED, Optional.of(id), version, rejected).then(done -> {
                PluginUpdate.deleteQuietly(lifecycle.store().pluginDir(id, pending.version()));
                return done;
            });
        });
    }
}
