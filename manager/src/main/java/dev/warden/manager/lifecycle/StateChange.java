package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.PermissionText;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.StateLock;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.AtomicFiles;
import dev.warden.manager.review.PermissionSummary;
import dev.warden.io.UnsafeCharacters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The small state changes after install: enable, disable, grant, revoke, remove. Each takes the
 * state lock, changes the state with one commit, and writes one audit entry.
 */
public final class StateChange {

    private final Lifecycle lifecycle;

    public StateChange(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    static InstalledPlugin installed(WardenState state, PluginId id) throws RefusalException {
        return state.plugin(id).orElseThrow(() -> new RefusalException(id + " is not installed (see 'warden list')"));
    }

    public void enable(PluginId id) throws Exception {
        try (StateLock lock = lifecycle.lock("enable " + id)) {
            WardenState state = lifecycle.store().read();
            InstalledPlugin plugin = installed(state, id);
            if (plugin.status() == PluginStatus.PENDING_REVIEW) {
                throw new RefusalException(id + " waits for the review of an update; run 'warden review " + id + "'");
            }
            Optional<String> killed = lifecycle.policy().refusesPlugin(id, plugin.version());
            if (killed.isPresent()) {
                throw new RefusalException(id + " cannot be enabled: " + killed.get());
            }
            PluginManifest manifest = lifecycle.installedManifest(plugin);
            GrantSet grants = state.grants(id);
            for (Permission p : manifest.permissions()) {
                if (!p.optional() && !grants.isActive(p)) {
                    throw new RefusalException(id + " needs " + p.kind().id() + " " + p.scope() + ", which you revoked;"
                            + " grant it again with: warden grant " + id + " " + p.kind().id() + " '" + p.scope() + "'");
                }
            }
            if (plugin.status() == PluginStatus.ENABLED) {
                lifecycle.out().println(id + " is already enabled.");
                return;
            }
            lifecycle.store().commit(lock, state.withPlugin(plugin.withStatus(PluginStatus.ENABLED)));
            lifecycle.record("enable", Optional.of(id), Map.of("version", plugin.version().toString()));
            lifecycle.out().println("Enabled " + id + ".");
        }
    }

    public void disable(PluginId id) throws Exception {
        try (StateLock lock = lifecycle.lock("disable " + id)) {
            WardenState state = lifecycle.store().read();
            InstalledPlugin plugin = installed(state, id);
            if (plugin.status() == PluginStatus.DISABLED) {
                lifecycle.out().println(id + " is already disabled.");
                return;
            }
            lifecycle.store().commit(lock, state.withPlugin(plugin.withStatus(PluginStatus.DISABLED)));
            lifecycle.record("disable", Optional.of(id), Map.of("version", plugin.version().toString()));
            lifecycle.out().println("Disabled " + id + ". Its grants are kept; 'warden enable " + id + "' turns it back on.");
        }
    }

    /** Grants a permission the installed version requests (typically an optional one), after consent. */
    public void grant(PluginId id, PermissionKind kind, String scope, boolean yes) throws Exception {
        // asked without the lock (a person reading must not block other processes); committed only if unchanged
        WardenState state = lifecycle.store().read();
        InstalledPlugin plugin = installed(state, id);
        PluginManifest manifest = lifecycle.installedManifest(plugin);
        Permission requested = requested(manifest, kind, scope).orElseThrow(() -> new RefusalException(
                id + " " + plugin.version() + " does not ask for " + kind.id() + " " + scope
                        + "; Warden grants only what a plugin declares (see 'warden grants " + id + "')"));
        Optional<String> blocked = lifecycle.policy().refusesPermission(requested);
        if (blocked.isPresent()) {
            throw new RefusalException("policy blocks " + kind.id() + " " + scope + ": " + blocked.get());
        }
        GrantSet grants = state.grants(id);
        if (grants.isActive(requested)) {
            lifecycle.out().println(id + " already has " + kind.id() + " " + scope + ".");
            return;
        }
        PermissionSummary.Item item = PermissionSummary.of(List.of(requested)).items().get(0);
        lifecycle.out().printf("Grant %s: %s%n  risk %s, enforced as %s %s%n  risk: %s%n  reason: %s%n", id,
                UnsafeCharacters.escape(item.description()), PermissionText.riskLabel(item.risk()),
                kind.id(), UnsafeCharacters.escape(scope), UnsafeCharacters.escape(item.riskReason()),
                UnsafeCharacters.escape(requested.reason()));
        if (!yes && !lifecycle.consent().confirm("Grant it?")) {
            throw new RefusalException("not granted; nothing was changed");
        }
        try (ReviewedState.Locked locked = ReviewedState.of(state, id).lock(lifecycle, "grant " + id)) {
            List<Permission> active = new ArrayList<>(grants.active());
            active.add(requested);
            GrantSet next = grants.withGranted(List.of(requested)).withActive(active);
            lifecycle.store().commit(locked.lock(), locked.state().withGrants(id, next));
            lifecycle.record("grant", Optional.of(id), Map.of("kind", kind.id(), "scope", scope));
        }
        lifecycle.out().println("Granted.");
    }

    /**
     * Takes a permission back: it leaves both the granted and the active set, so a later update
     * that asks for it asks the person again. Revoking a required permission disables the plugin.
     */
    public void revoke(PluginId id, PermissionKind kind, String scope) throws Exception {
        try (StateLock lock = lifecycle.lock("revoke " + id)) {
            WardenState state = lifecycle.store().read();
            InstalledPlugin plugin = installed(state, id);
            GrantSet grants = state.grants(id);
            if (!grants.isGranted(kind, scope)) {
                throw new RefusalException(id + " holds no grant " + kind.id() + " " + scope + " (see 'warden grants " + id + "')");
            }
            // taking a grant back is always allowed, even when plugin.json was changed: it only narrows what runs
            PluginManifest manifest = lifecycle.installedManifest(id, plugin.version());
            boolean required = requested(manifest, kind, scope).map(p -> !p.optional()).orElse(false);
            InstalledPlugin next = required && plugin.status() == PluginStatus.ENABLED ? plugin.withStatus(PluginStatus.DISABLED) : plugin;
            lifecycle.store().commit(lock, state.withPlugin(next).withGrants(id, grants.without(kind, scope)));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("kind", kind.id());
            details.put("scope", scope);
            details.put("disabled", next != plugin);
            lifecycle.record("revoke", Optional.of(id), details);
            lifecycle.out().println("Revoked " + kind.id() + " " + scope + " from " + id + "."
                    + (next != plugin ? " The plugin needs it, so it is disabled until you grant it again." : ""));
        }
    }

    /** Uninstalls; the plugin's data stays unless {@code purge}, and purged data goes to trash/, not oblivion. */
    public void remove(PluginId id, boolean purge) throws Exception {
        try (StateLock lock = lifecycle.lock("remove " + id)) {
            WardenState state = lifecycle.store().read();
            InstalledPlugin plugin = installed(state, id);
            lifecycle.store().commit(lock, state.withoutPlugin(id));
            boolean unpinned;
            try {
                unpinned = new ToolPins(lifecycle.store().home()).forget(id);
            } catch (java.io.IOException e) {
                // the plugin is gone already; stale pins only make a later install's servers ask again
                unpinned = false;
                lifecycle.out().println("warning: could not drop the tool pins of " + id + ": " + e.getMessage());
            }
            Path pluginRoot = lifecycle.store().pluginDir(id, plugin.version()).getParent();
            PluginUpdate.deleteQuietly(pluginRoot);
            PluginFiles.pruneEmpty(pluginRoot.getParent(), lifecycle.store().home());
            Optional<Path> trashed = Optional.empty();
            Path data = lifecycle.store().dataDir(id);
            if (purge && Files.exists(data)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(lifecycle.clock().instant());
                Path target = lifecycle.store().trashDir().resolve(stamp + "-" + id.publisher() + "-" + id.name());
                Files.createDirectories(target.getParent());
                AtomicFiles.rename(data, target);
                PluginFiles.pruneEmpty(data.getParent(), lifecycle.store().home());
                trashed = Optional.of(target);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", plugin.version().toString());
            details.put("purged", trashed.isPresent());
            details.put("toolPinsDropped", unpinned);
            trashed.ifPresent(t -> details.put("trash", t.toString()));
            lifecycle.record("remove", Optional.of(id), details);
            String dataNote = trashed.map(t -> " Its data is in " + t + ".")
                    .orElse(!purge && Files.exists(data)
                            ? " Its data is kept in " + data + "; 'remove --purge' moves it to the trash." : "");
            lifecycle.out().println("Removed " + id + " " + plugin.version() + "." + dataNote);
        }
    }

    private static Optional<Permission> requested(PluginManifest manifest, PermissionKind kind, String scope) {
        return manifest.permissions().stream().filter(p -> p.kind() == kind && p.scope().equals(scope)).findFirst();
    }
}
