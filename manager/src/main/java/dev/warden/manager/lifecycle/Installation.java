package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginDependency;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.FileTrees;
import dev.warden.manager.config.UserConfig;
import dev.warden.manager.config.UserConfigIntake;
import dev.warden.manager.review.LookAlikes;
import dev.warden.manager.review.PluginContents;
import dev.warden.signing.BundleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code warden install FILE.wpk} (and {@code update --from}): the pipeline of DESIGN §5, once.
 * Verification and extraction happen before the person is asked, into staging that is removed
 * on any refusal, so a refused install leaves the state as it was apart from its audit entry.
 * A bundle of an installed plugin is an update and follows the update rules.
 */
public final class Installation {

    /**
     * @param yes accept the review without asking (never approves an update's new permissions)
     * @param withOptional also grant the optional permissions policy allows
     * @param allowUnverified the person accepts a bundle no trusted publisher signed (policy may still refuse)
     * @param updateOf for {@code update ID --from}: refuse unless the bundle is of this installed plugin
     */
    public record Options(boolean yes, boolean withOptional, boolean allowUnverified, Optional<PluginId> updateOf) {
    }

    private final Lifecycle lifecycle;
    private final Path bundle;
    private final Provenance provenance;
    private final Options options;
    private DependencyOffers dependencies = DependencyOffers.none();
    private boolean ran;

    /** A bundle file the person named. */
    public Installation(Lifecycle lifecycle, Path bundle, Options options) {
        this(lifecycle, bundle, Provenance.file(bundle), options);
    }

    /** A bundle from {@code provenance}, e.g. downloaded from a marketplace. */
    public Installation(Lifecycle lifecycle, Path bundle, Provenance provenance, Options options) {
        this.lifecycle = lifecycle;
        this.bundle = bundle;
        this.provenance = provenance;
        this.options = options;
    }

    /**
     * Where the plugins this one depends on are looked up and fetched (its {@code dependencies}); without it only
     * plugins already installed meet them.
     */
    public Installation withDependencies(DependencyOffers offers) {
        this.dependencies = Objects.requireNonNull(offers, "offers");
        return this;
    }

    public InstallResult run() throws Exception {
        if (ran) {
            throw new IllegalStateException("an Installation runs once");
        }
        ran = true;
        String source = provenance.source();
        String what = provenance.listed().map(l -> l.id() + " " + l.version()).orElse(bundle.getFileName().toString());
        // The bundle is checked and the review shown without the state lock: a person reading it must not
        // block other Warden processes. The commit re-checks, under the lock, that the plugin is as reviewed.
        WardenState state = lifecycle.store().read();
        Path stagingRoot = lifecycle.store().stagingDir();
        boolean createdStagingRoot = !Files.exists(stagingRoot);
        Path staging = lifecycle.store().newStagingDir("bundle");
        PluginFiles.createFolderBesideOthers(staging);
        try {
            IntakeResult intake;
            try {
                intake = new BundleIntake(lifecycle.trust().load(), lifecycle.clock()).take(bundle, staging, source,
                        options.allowUnverified(), provenance.signedFolder());
            } catch (BundleException | RefusalException e) {
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.empty(), Map.of("bundle", source, "reason", e.getMessage()));
                throw e;
            }
            PluginId id = intake.manifest().id();
            if (provenance.listed().isPresent()) {
                checkListing(provenance.listed().get(), intake);
            }
            NamespaceCheck.check(lifecycle, intake);
            if (options.updateOf().isPresent() && !options.updateOf().get().equals(id)) {
                throw refuse(id, intake, bundle + " is a bundle of " + id + ", not of " + options.updateOf().get());
            }
            Optional<InstalledPlugin> installed = state.plugin(id);
            if (installed.isPresent()) {
                ReplacementCheck.check(lifecycle, installed.get(), intake, provenance.listed());
                return new PluginUpdate(lifecycle, "install " + what, state, installed.get(), intake, options).run();
            }
            if (options.updateOf().isPresent()) {
                throw refuse(id, intake, id + " is not installed; install it first with 'warden install " + bundle + "'");
            }
            if (PluginDependency.declaredBy(intake.manifest()).isEmpty()) {
                return install("install " + what, state, intake, DependencyResolution.Plan.none());
            }
            DependencyResolution.Plan plan;
            try {
                plan = new DependencyResolution(lifecycle, dependencies, options.allowUnverified())
                        .resolve(intake, provenance.listed().map(Provenance.Listed::marketplace), state);
            } catch (DependencyException e) {
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(id), Map.of("version",
                        intake.manifest().version().toString(), "reason", e.getMessage()));
                throw e;
            }
            try (plan) {
                return install("install " + what, state, intake, plan);
            }
        } finally {
            FileTrees.deleteTree(staging);
            if (createdStagingRoot) {
                PluginFiles.pruneEmpty(stagingRoot, lifecycle.store().home());
            }
        }
    }

    /**
     * Installs {@code intake} and the plugins its plan brings: one review of them all, one question, one commit, so
     * that either every one of them is installed (and the disabled ones it needs enabled) or none is.
     */
    private InstallResult install(String command, WardenState reviewed, IntakeResult intake, DependencyResolution.Plan plan)
            throws Exception {
        PluginManifest manifest = intake.manifest();
        PluginId id = manifest.id();
        List<IntakeResult> all = new ArrayList<>(plan.added());
        all.add(intake);
        Map<PluginId, Map<Permission, String>> blocked = new LinkedHashMap<>();
        for (IntakeResult each : all) {
            try {
                blocked.put(each.manifest().id(), PolicyGate.check(lifecycle.policy(), each, options.allowUnverified()));
                PolicyGate.checkWardenState(lifecycle.home(), each.manifest());
            } catch (RefusalException e) {
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(each.manifest().id()), Map.of("version",
                        each.manifest().version().toString(), "reason", e.getMessage()));
                throw e;
            }
        }
        if (!plan.isEmpty()) {
            lifecycle.consent().show(new Review.Dependencies(id, manifest.version(), plan.needs()));
        }
        List<String> installedIds = reviewed.plugins().keySet().stream().map(PluginId::toString).toList();
        List<IntakeResult> shown = new ArrayList<>(all);
        Collections.rotate(shown, 1);
        Map<PluginId, UserConfigIntake.Collected> configs = new LinkedHashMap<>();
        Map<PluginId, List<Permission>> filled = new LinkedHashMap<>();
        for (IntakeResult each : shown) {
            PluginManifest m = each.manifest();
            // a value missing or of the wrong shape is a usage error (UserConfigException): nothing recorded, nothing changed
            UserConfigIntake.Collected config = UserConfigIntake.collect(m, lifecycle.consent().userConfig(),
                    !options.yes(), lifecycle.store().home(), lifecycle.home().userHome());
            configs.put(m.id(), config);
            filled.put(m.id(), config.config().requirePermissions(m.permissions()));
            // the review shows, and the person grants, the URLs filled in with the values just given
            lifecycle.consent().show(new Review.Install(UserConfig.withPermissions(m, filled.get(m.id())), each.verified(),
                    PluginContents.of(each.staging(), m, config.config()), each.findings(), each.classesChecked(),
                    blocked.get(m.id()), LookAlikes.of(m.id().toString(), installedIds), config.shown()));
        }
        for (IntakeResult each : shown) {
            try {
                PolicyGate.checkHiddenCharacters(lifecycle.policy(), each);
            } catch (RefusalException e) {
                lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(each.manifest().id()), Map.of("version",
                        each.manifest().version().toString(), "reason", e.getMessage()));
                throw e;
            }
        }
        List<String> with = new ArrayList<>();
        plan.added().forEach(added -> with.add(added.manifest().id() + " " + added.manifest().version()));
        plan.enabled().forEach(enabled -> with.add("enabling " + enabled));
        String question = "Install " + id + " " + manifest.version()
                + (with.isEmpty() ? "" : " and what it depends on (" + String.join(", ", with) + ")") + "?";
        if (!options.yes() && !lifecycle.consent().confirm(question)) {
            throw refuse(id, intake, lifecycle.consent().canAsk()
                    ? "not installed: you declined; nothing was changed"
                    : "not installed: review it at a terminal, or pass --yes to accept it as shown");
        }
        List<ReviewedState> reviewedParts = new ArrayList<>();
        all.forEach(each -> reviewedParts.add(ReviewedState.of(reviewed, each.manifest().id())));
        plan.enabled().forEach(enabled -> reviewedParts.add(ReviewedState.of(reviewed, enabled)));
        return lifecycle.change(command, now -> {
            for (ReviewedState part : reviewedParts) {
                part.refuseIfChanged(lifecycle, command, now);
            }
            WardenState next = now;
            List<Change.Entry> entries = new ArrayList<>();
            List<InstallResult.Dependency> brought = new ArrayList<>();
            Instant at = lifecycle.clock().instant();
            for (IntakeResult each : all) {
                PluginManifest m = each.manifest();
                List<Permission> grant = grant(m, filled.get(m.id()), blocked.get(m.id()));
                // an unreferenced version folder is removed by the next lock's recovery if the commit does not happen
                PluginFiles.moveIntoPlace(each.staging(), lifecycle.store().pluginDir(m.id(), m.version()));
                configs.get(m.id()).store(lifecycle.store().home(), at);
                InstalledPlugin plugin = new InstalledPlugin(m.id(), m.version(), PluginStatus.ENABLED, each.verified().isPresent(),
                        each.verified().map(v -> v.key().keyId().hex()), each.source(), each.manifestSha256(), at, at,
                        Optional.empty());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("version", m.version().toString());
                details.put("source", each.source());
                details.put("verified", each.verified().isPresent());
                each.verified().ifPresent(v -> details.put("key", v.key().keyId().hex()));
                details.put("granted", Grants.describe(grant));
                if (each != intake) {
                    details.put("dependencyOf", id.toString());
                    brought.add(new InstallResult.Dependency(m.id(), m.version(), true));
                }
                next = next.withPlugin(plugin).withGrants(m.id(), new GrantSet(grant, grant));
                entries.add(new Change.Entry(AuditEvent.INSTALL, Optional.of(m.id()), details));
            }
            for (PluginId enabled : plan.enabled()) {
                InstalledPlugin plugin = now.plugin(enabled).orElseThrow();
                next = next.withPlugin(plugin.withStatus(PluginStatus.ENABLED));
                entries.add(new Change.Entry(AuditEvent.ENABLE, Optional.of(enabled), Map.of("version",
                        plugin.version().toString(), "dependencyOf", id.toString())));
                brought.add(new InstallResult.Dependency(enabled, plugin.version(), false));
            }
            Change.Entry last = entries.get(entries.size() - 1);
            Change<InstallResult> change = Change.commit(next, last.event(), last.plugin(), last.details(), new InstallResult(id,
                    manifest.version(), InstallResult.Outcome.INSTALLED, Optional.empty(), PluginStatus.ENABLED, brought));
            for (int i = entries.size() - 2; i >= 0; i--) {
                change = change.precededBy(entries.get(i).event(), entries.get(i).plugin(), entries.get(i).details());
            }
            return change;
        });
    }

    /**
     * What installing a plugin grants: what it asks for, less what policy blocks and, unless asked, the optional.
     *
     * @param filled its permissions with their URLs filled in from its options, one for one
     */
    private List<Permission> grant(PluginManifest manifest, List<Permission> filled, Map<Permission, String> blocked) {
        List<Permission> grant = new ArrayList<>();
        for (int i = 0; i < filled.size(); i++) {
            Permission p = manifest.permissions().get(i);
            if (!blocked.containsKey(p) && (!p.optional() || options.withOptional())) {
                grant.add(filled.get(i));
            }
        }
        return grant;
    }

    /** The signed manifest wins over the listing; a listing that names something else is refused. */
    private void checkListing(Provenance.Listed listed, IntakeResult intake) throws Exception {
        PluginManifest manifest = intake.manifest();
        if (!listed.id().equals(manifest.id()) || !listed.version().equals(manifest.version())) {
            throw refuse(manifest.id(), intake, listingMismatch(listed, manifest));
        }
    }

    static String listingMismatch(Provenance.Listed listed, PluginManifest manifest) {
        return "marketplace " + listed.marketplace() + " lists " + listed.id() + " " + listed.version() + " but the signed"
                + " manifest of the bundle it served is " + manifest.id() + " " + manifest.version() + "; not installed"
                + " (tell the marketplace's operator)";
    }

    private RefusalException refuse(PluginId id, IntakeResult intake, String message) throws Exception {
        lifecycle.record(AuditEvent.INSTALL_DECLINED, Optional.of(id), Map.of("version", intake.manifest().version().toString(),
                "reason", message));
        return new RefusalException(message);
    }
}
