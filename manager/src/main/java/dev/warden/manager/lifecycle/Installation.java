package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.Permission;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            return install("install " + what, state, intake);
        } finally {
            FileTrees.deleteTree(staging);
            if (createdStagingRoot) {
                PluginFiles.pruneEmpty(stagingRoot, lifecycle.store().home());
            }
        }
    }

    private InstallResult install(String command, WardenState reviewed, IntakeResult intake) throws Exception {
        WardenState state = reviewed;
        PluginManifest manifest = intake.manifest();
        PluginId id = manifest.id();
        Map<Permission, String> blocked;
        try {
            blocked = PolicyGate.check(lifecycle.policy(), intake, options.allowUnverified());
            PolicyGate.checkWardenState(lifecycle.home(), intake.manifest());
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(id), Map.of("version", manifest.version().toString(),
                    "reason", e.getMessage()));
            throw e;
        }
        List<String> lookAlikes = LookAlikes.of(id.toString(), state.plugins().keySet().stream().map(PluginId::toString).toList());
        // a value missing or of the wrong shape is a usage error (UserConfigException): nothing recorded, nothing changed
        UserConfigIntake.Collected config = UserConfigIntake.collect(manifest, lifecycle.consent().userConfig(),
                !options.yes(), lifecycle.store().home(), lifecycle.home().userHome());
        List<Permission> filled = config.config().requirePermissions(manifest.permissions());
        // the review shows, and the person grants, the URLs filled in with the values just given
        lifecycle.consent().show(new Review.Install(UserConfig.withPermissions(manifest, filled), intake.verified(),
                PluginContents.of(intake.staging(), manifest, config.config()), intake.findings(), intake.classesChecked(),
                blocked, lookAlikes, config.shown()));
        try {
            PolicyGate.checkHiddenCharacters(lifecycle.policy(), intake);
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.INSTALL_REFUSED, Optional.of(id), Map.of("version", manifest.version().toString(),
                    "reason", e.getMessage()));
            throw e;
        }
        if (!options.yes() && !lifecycle.consent().confirm("Install " + id + " " + manifest.version() + "?")) {
            throw refuse(id, intake, lifecycle.consent().canAsk()
                    ? "not installed: you declined; nothing was changed"
                    : "not installed: review it at a terminal, or pass --yes to accept it as shown");
        }
        List<Permission> grant = new ArrayList<>();
        for (int i = 0; i < filled.size(); i++) {
            Permission p = manifest.permissions().get(i);
            if (!blocked.containsKey(p) && (!p.optional() || options.withOptional())) {
                grant.add(filled.get(i));
            }
        }
        return lifecycle.change(command, ReviewedState.of(reviewed, id), now -> {
            // an unreferenced version folder is removed by the next lock's recovery if the commit does not happen
            PluginFiles.moveIntoPlace(intake.staging(), lifecycle.store().pluginDir(id, manifest.version()));
            config.store(lifecycle.store().home(), lifecycle.clock().instant());
            Instant at = lifecycle.clock().instant();
            InstalledPlugin plugin = new InstalledPlugin(id, manifest.version(), PluginStatus.ENABLED, intake.verified().isPresent(),
                    intake.verified().map(v -> v.key().keyId().hex()), intake.source(), intake.manifestSha256(), at, at,
                    Optional.empty());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("version", manifest.version().toString());
            details.put("source", intake.source());
            details.put("verified", intake.verified().isPresent());
            intake.verified().ifPresent(v -> details.put("key", v.key().keyId().hex()));
            details.put("granted", Grants.describe(grant));
            return Change.commit(now.withPlugin(plugin).withGrants(id, new GrantSet(grant, grant)), AuditEvent.INSTALL,
                    Optional.of(id), details, new InstallResult(id, manifest.version(), InstallResult.Outcome.INSTALLED,
                            Optional.empty(), PluginStatus.ENABLED));
        });
    }

    /** The signed manifest wins over the listing; a listing that names something else is refused. */
    private void checkListing(Provenance.Listed listed, IntakeResult intake) throws Exception {
        PluginManifest manifest = intake.manifest();
        if (!listed.id().equals(manifest.id()) || !listed.version().equals(manifest.version())) {
            throw refuse(manifest.id(), intake, "marketplace " + listed.marketplace() + " lists " + listed.id() + " "
                    + listed.version() + " but the signed manifest of the bundle it served is " + manifest.id() + " "
                    + manifest.version() + "; not installed (tell the marketplace's operator)");
        }
    }

    private RefusalException refuse(PluginId id, IntakeResult intake, String message) throws Exception {
        lifecycle.record(AuditEvent.INSTALL_DECLINED, Optional.of(id), Map.of("version", intake.manifest().version().toString(),
                "reason", message));
        return new RefusalException(message);
    }
}
