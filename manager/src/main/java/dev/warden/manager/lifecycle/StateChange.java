package dev.warden.manager.lifecycle;

import dev.warden.manager.config.PluginConfigStore;
import dev.warden.manager.config.UserConfig;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.AtomicFiles;
import dev.warden.manager.review.PermissionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The small state changes after install: enable, disable, grant, revoke, remove. Each is one
 * {@link Lifecycle#change}: one commit, explained by one audit entry. They return what they did and never print.
 */
public final class StateChange {

    /**
     * What {@link #enable} or {@link #disable} did.
     *
     * @param changed false when the plugin already had that status (nothing was written)
     * @param alsoEnabled the disabled plugins it depends on, enabled with it, each before what needs it
     */
    public record Toggled(PluginId id, Version version, boolean changed, List<PluginId> alsoEnabled) {
        public Toggled {
            alsoEnabled = List.copyOf(alsoEnabled);
        }

        Toggled(PluginId id, Version version, boolean changed) {
            this(id, version, changed, List.of());
        }
    }

    /**
     * A permission the installed version declares, as the person is to see it before {@link #grant(GrantRequest)}.
     *
     * @param item           the permission in plain words, with its risk
     * @param alreadyActive  true when it is granted and active already: there is nothing to ask or grant
     * @param reviewed       the state this was read from; the grant is committed only while the plugin is as it was here
     */
    public record GrantRequest(PluginId id, Version version, Permission permission, PermissionSummary.Item item,
                               boolean alreadyActive, WardenState reviewed) {
        public GrantRequest {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(permission, "permission");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(reviewed, "reviewed");
        }
    }

    /**
     * What {@link #revoke} did.
     *
     * @param disabled true when the plugin requires the permission and was enabled: it is now disabled
     */
    public record Revoked(PluginId id, PermissionKind kind, String scope, boolean disabled) {
    }

    /**
     * What {@link #remove} did.
     *
     * @param trashed     where the purged data went
     * @param keptData    the data folder left in place (not purged)
     * @param pinsProblem why the tool pins could not be dropped; the plugin is removed regardless
     */
    public record Removal(PluginId id, Version version, Optional<Path> trashed, Optional<Path> keptData,
                          Optional<String> pinsProblem) {
    }

    private final Lifecycle lifecycle;

    public StateChange(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    static InstalledPlugin installed(WardenState state, PluginId id) throws RefusalException {
        return state.plugin(id).orElseThrow(() -> new RefusalException(id + " is not installed (see 'warden list')"));
    }

    /**
     * Turns an installed plugin back on, and the disabled plugins it depends on with it.
     *
     * @throws RefusalException if it, or a plugin it needs, is not installed, waits for a review, is killed by policy or
     *                          lacks a required grant, or if a plugin it needs is installed only outside its range
     * @throws ManifestChangedException if its {@code plugin.json} changed since install
     */
    public Toggled enable(PluginId id) throws Exception {
        return lifecycle.change("enable " + id, state -> {
            InstalledPlugin plugin = installed(state, id);
            checkEnable(state, plugin);
            if (plugin.status() == PluginStatus.ENABLED) {
                return Change.none(new Toggled(id, plugin.version(), false));
            }
            WardenState next = state;
            List<Change.Entry> entries = new ArrayList<>();
            List<PluginId> alsoEnabled = new ArrayList<>();
            for (InstalledPlugin needed : Dependents.disabledNeeds(lifecycle, state, id)) {
                alsoEnabled.add(needed.id());
                checkEnable(state, needed);
                next = next.withPlugin(needed.withStatus(PluginStatus.ENABLED));
                entries.add(new Change.Entry(AuditEvent.ENABLE, Optional.of(needed.id()), Map.of("version",
                        needed.version().toString(), "dependencyOf", id.toString())));
            }
            Change<Toggled> change = Change.commit(next.withPlugin(plugin.withStatus(PluginStatus.ENABLED)), AuditEvent.ENABLE,
                    Optional.of(id), Map.of("version", plugin.version().toString()),
                    new Toggled(id, plugin.version(), true, alsoEnabled));
            for (int i = entries.size() - 1; i >= 0; i--) {
                change = change.precededBy(entries.get(i).event(), entries.get(i).plugin(), entries.get(i).details());
            }
            return change;
        });
    }

    /** What keeps an installed plugin from running: a pending review, the kill list, a required grant revoked. */
    private void checkEnable(WardenState state, InstalledPlugin plugin) throws Exception {
        PluginId id = plugin.id();
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
    }

    /**
     * Turns a plugin off; its grants and data are kept.
     *
     * @throws RefusalException if it is not installed, or an enabled plugin depends on it
     */
    public Toggled disable(PluginId id) throws Exception {
        return lifecycle.change("disable " + id, state -> {
            InstalledPlugin plugin = installed(state, id);
            if (plugin.status() == PluginStatus.DISABLED) {
                return Change.none(new Toggled(id, plugin.version(), false));
            }
            Dependents.refuseWhileNeeded(lifecycle, state, id, "disable");
            return Change.commit(state.withPlugin(plugin.withStatus(PluginStatus.DISABLED)), AuditEvent.DISABLE, Optional.of(id),
                    Map.of("version", plugin.version().toString()), new Toggled(id, plugin.version(), true));
        });
    }

    /**
     * What granting a permission the installed version declares (typically an optional one) would grant, read
     * without the lock, for the person to consent to.
     *
     * @throws RefusalException if the plugin is not installed, does not declare it, or policy blocks it
     */
    public GrantRequest requestGrant(PluginId id, PermissionKind kind, String scope) throws Exception {
        WardenState state = lifecycle.store().read();
        InstalledPlugin plugin = installed(state, id);
        // a URL filled from the plugin's settings is granted as filled, so the grant follows the current settings
        PluginManifest manifest = UserConfig.withPermissions(lifecycle.installedManifest(plugin),
                UserConfig.load(lifecycle.store().home(), id, lifecycle.installedManifest(plugin))
                        .permissions(lifecycle.installedManifest(plugin).permissions()));
        Permission requested = requested(manifest, kind, scope).orElseThrow(() -> new RefusalException(
                id + " " + plugin.version() + " does not ask for " + kind.id() + " " + scope
                        + "; Warden grants only what a plugin declares (see 'warden grants " + id + "')"));
        Optional<String> blocked = lifecycle.policy().refusesPermission(requested);
        if (blocked.isPresent()) {
            throw new RefusalException("policy blocks " + kind.id() + " " + scope + ": " + blocked.get());
        }
        PermissionSummary.Item item = PermissionSummary.of(List.of(requested)).items().get(0);
        return new GrantRequest(id, plugin.version(), requested, item, state.grants(id).isActive(requested), state);
    }

    /**
     * Grants what {@code request} showed, after the person consented (ask without the lock; this takes it).
     *
     * @throws IllegalArgumentException if the request was already active (there is nothing to grant)
     * @throws RefusalException if the plugin's version, pending update or grants changed since the request was read
     */
    public void grant(GrantRequest request) throws Exception {
        if (request.alreadyActive()) {
            throw new IllegalArgumentException(request.id() + " already has " + request.permission().kind().id() + " "
                    + request.permission().scope());
        }
        PluginId id = request.id();
        Permission requested = request.permission();
        GrantSet grants = request.reviewed().grants(id);
        lifecycle.change("grant " + id, ReviewedState.of(request.reviewed(), id), state -> {
            List<Permission> active = new ArrayList<>(grants.active());
            active.add(requested);
            GrantSet next = grants.withGranted(List.of(requested)).withActive(active);
            return Change.commit(state.withGrants(id, next), AuditEvent.GRANT, Optional.of(id),
                    Map.of("kind", requested.kind().id(), "scope", requested.scope()), null);
        });
    }

    /**
     * Takes a permission back: it leaves both the granted and the active set, so a later update
     * that asks for it asks the person again. Revoking a required permission disables the plugin.
     *
     * @throws RefusalException if the plugin is not installed or holds no such grant
     */
    public Revoked revoke(PluginId id, PermissionKind kind, String scope) throws Exception {
        return lifecycle.change("revoke " + id, state -> {
            InstalledPlugin plugin = installed(state, id);
            GrantSet grants = state.grants(id);
            if (!grants.isGranted(kind, scope)) {
                throw new RefusalException(id + " holds no grant " + kind.id() + " " + scope + " (see 'warden grants " + id + "')");
            }
            // taking a grant back is always allowed, even when plugin.json was changed: it only narrows what runs
            PluginManifest manifest = lifecycle.installedManifest(id, plugin.version());
            boolean required = requested(manifest, kind, scope).map(p -> !p.optional()).orElse(false);
            boolean disabled = required && plugin.status() == PluginStatus.ENABLED;
            InstalledPlugin next = disabled ? plugin.withStatus(PluginStatus.DISABLED) : plugin;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("kind", kind.id());
            details.put("scope", scope);
            details.put("disabled", disabled);
            return Change.commit(state.withPlugin(next).withGrants(id, grants.without(kind, scope)), AuditEvent.REVOKE,
                    Optional.of(id), details, new Revoked(id, kind, scope, disabled));
        });
    }

    /**
     * Uninstalls; the plugin's data stays unless {@code purge}, and purged data goes to trash/, not oblivion.
     *
     * @throws RefusalException if the plugin is not installed, or an enabled plugin depends on it
     */
    public Removal remove(PluginId id, boolean purge) throws Exception {
        ToolPins pins = new ToolPins(lifecycle.store().home());
        return lifecycle.change("remove " + id, state -> {
            InstalledPlugin plugin = installed(state, id);
            Dependents.refuseWhileNeeded(lifecycle, state, id, "remove");
            Path data = lifecycle.store().dataDir(id);
            Optional<Path> trash = Optional.empty();
            if (purge && Files.exists(data)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(lifecycle.clock().instant());
                trash = Optional.of(lifecycle.store().trashDir().resolve(stamp + "-" + id.publisher() + "-" + id.name()));
            }
            boolean known;
            Optional<String> pinsProblem = Optional.empty();
            try {
                known = pins.knows(id);
            } catch (IOException e) {
                // the plugin goes regardless; stale pins only make a later install's servers ask again
                known = false;
                pinsProblem = Optional.of(e.getMessage());
            }
            boolean pinned = known;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", plugin.version().toString());
            details.put("purged", trash.isPresent());
            details.put("toolPinsDropped", pinned);
            trash.ifPresent(t -> details.put("trash", t.toString()));
            Optional<Path> trashed = trash;
            Removal removal = new Removal(id, plugin.version(), trash,
                    !purge && Files.exists(data) ? Optional.of(data) : Optional.empty(), pinsProblem);
            return Change.commit(state.withoutPlugin(id), AuditEvent.REMOVE, Optional.of(id), details, removal).then(done -> {
                Removal result = done;
                if (pinned) {
                    try {
                        pins.forget(id);
                    } catch (IOException e) {
                        // the plugin is gone already; see above
                        result = new Removal(id, plugin.version(), trashed, done.keptData(), Optional.of(e.getMessage()));
                    }
                }
                new PluginConfigStore(lifecycle.store().home()).remove(id);
                Path pluginRoot = lifecycle.store().pluginDir(id, plugin.version()).getParent();
                PluginUpdate.deleteQuietly(pluginRoot);
                PluginFiles.pruneEmpty(pluginRoot.getParent(), lifecycle.store().home());
                if (trashed.isPresent()) {
                    Files.createDirectories(trashed.get().getParent());
                    AtomicFiles.rename(data, trashed.get());
                    PluginFiles.pruneEmpty(data.getParent(), lifecycle.store().home());
                }
                return result;
            });
        });
    }

    private static Optional<Permission> requested(PluginManifest manifest, PermissionKind kind, String scope) {
        return manifest.permissions().stream().filter(p -> p.kind() == kind && p.scope().equals(scope)).findFirst();
    }
}
