package dev.warden.manager.lifecycle;

import dev.warden.manager.config.UserConfig;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.permissions.PermissionChange;
import dev.warden.catalog.permissions.PermissionCoverage;
import dev.warden.catalog.permissions.PrivilegeIncrease;
import dev.warden.catalog.permissions.UpdateReview;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PendingUpdate;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.catalog.state.WardenState;
import dev.warden.io.Digests;
import dev.warden.io.FileTrees;
import dev.warden.manager.review.PluginContents;
import dev.warden.signing.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An installed plugin meets a newer bundle of itself (DESIGN §4). An update that asks for nothing
 * outside what the person granted (or only for low-risk additions) is applied; one that asks for
 * more is applied only when the person approves it at a terminal, and otherwise is staged while
 * the plugin waits, disabled, for {@code warden review}. {@code --yes} never approves new permissions.
 */
final class PluginUpdate {

    private final Lifecycle lifecycle;
    private final String command;
    private final WardenState state;
    private final InstalledPlugin installed;
    private final IntakeResult intake;
    private final Installation.Options options;

    /**
     * @param command what the caller is doing, for the state lock
     * @param state   the state the review is shown against, read without the lock
     */
    PluginUpdate(Lifecycle lifecycle, String command, WardenState state, InstalledPlugin installed, IntakeResult intake,
                 Installation.Options options) {
        this.lifecycle = lifecycle;
        this.command = command;
        this.state = state;
        this.installed = installed;
        this.intake = intake;
        this.options = options;
    }

    InstallResult run() throws Exception {
        // URLs filled from the plugin's settings are compared, and granted, filled in, as at install
        UserConfig updateConfig = UserConfig.load(lifecycle.store().home(), intake.manifest().id(), intake.manifest());
        PluginManifest update = UserConfig.withPermissions(intake.manifest(),
                updateConfig.permissions(intake.manifest().permissions()));
        PluginId id = update.id();
        try {
            PolicyGate.check(lifecycle.policy(), intake, options.allowUnverified());
            PolicyGate.checkWardenState(lifecycle.home(), intake.manifest());
            int order = update.version().compareTo(installed.version());
            if (order == 0) {
                if (sameContent(lifecycle.store().pluginDir(id, installed.version()), intake)) {
                    return new InstallResult(id, update.version(), InstallResult.Outcome.ALREADY_INSTALLED,
                            Optional.of(installed.version()), installed.status());
                }
                throw new RefusalException(id + " " + update.version() + " is already installed with different content;"
                        + " a publisher must never republish a version. Not installed.");
            }
            if (order < 0) {
                throw new RefusalException(id + " " + update.version() + " is older than the installed "
                        + installed.version() + "; Warden does not downgrade");
            }
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.UPDATE_REFUSED, Optional.of(id), Map.of("version", update.version().toString(),
                    "reason", e.getMessage()));
            throw e;
        }
        PluginManifest declared = lifecycle.installedManifest(installed);
        UserConfig currentConfig = UserConfig.load(lifecycle.store().home(), declared.id(), declared);
        PluginManifest current = UserConfig.withPermissions(declared, currentConfig.permissions(declared.permissions()));
        GrantSet grants = state.grants(id);
        UpdateReview review;
        try {
            review = McpServerFiles.review(PrivilegeIncrease.between(current, grants.granted(), update),
                    lifecycle.store().pluginDir(id, installed.version()), intake.staging());
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.UPDATE_REFUSED, Optional.of(id), Map.of("version", update.version().toString(),
                    "reason", e.getMessage()));
            throw e;
        }
        lifecycle.consent().show(new Review.Update(current, update, intake.verified(), review, intake.findings(),
                intake.classesChecked(), PluginContents.of(lifecycle.store().pluginDir(id, installed.version()), declared,
                currentConfig), PluginContents.of(intake.staging(), intake.manifest(), updateConfig), false));
        try {
            PolicyGate.checkHiddenCharacters(lifecycle.policy(), intake);
        } catch (RefusalException e) {
            lifecycle.record(AuditEvent.UPDATE_REFUSED, Optional.of(id), Map.of("version", update.version().toString(),
                    "reason", e.getMessage()));
            throw e;
        }
        if (!review.needsConsent()) {
            return applyAsReviewed(update, review, false);
        }
        if (!options.yes() && lifecycle.consent().canAsk()) {
            if (lifecycle.consent().confirm("Approve what it newly asks for and update " + id + "?")) {
                return applyAsReviewed(update, review, true);
            }
            lifecycle.record(AuditEvent.UPDATE_DECLINED, Optional.of(id), Map.of("version", update.version().toString()));
            throw new RefusalException("update declined: " + id + " stays at " + installed.version());
        }
        return hold(update, review);
    }

    /** Applies the update under the lock, if the plugin is still as the review showed it. */
    private InstallResult applyAsReviewed(PluginManifest update, UpdateReview review, boolean approved) throws Exception {
        return lifecycle.change(command, ReviewedState.of(state, update.id()), now -> apply(lifecycle, now,
                now.plugin(update.id()).orElseThrow(), update, Staged.from(intake), review, approved));
    }

    /** Stages the new version and disables the plugin until the person reviews the difference. */
    private InstallResult hold(PluginManifest update, UpdateReview review) throws Exception {
        PluginId id = update.id();
        List<String> reasons = review.needingConsent().stream().map(PermissionChange::description).toList();
        return lifecycle.change(command, ReviewedState.of(state, id), now -> {
            InstalledPlugin current = now.plugin(id).orElseThrow();
            PluginFiles.moveIntoPlace(intake.staging(), lifecycle.store().pluginDir(id, update.version()));
            PendingUpdate pending = new PendingUpdate(update.version(), intake.source(), lifecycle.clock().instant(), reasons,
                    intake.verified().isPresent(), intake.verified().map(v -> v.key().keyId().hex()), intake.manifestSha256());
            Optional<PendingUpdate> replaced = current.pending();
            // only an enabled plugin waits for the review; a disabled or quarantined one stays so, whatever the answer
            PluginStatus held = current.status() == PluginStatus.ENABLED ? PluginStatus.PENDING_REVIEW : current.status();
            InstallResult result = new InstallResult(id, update.version(), InstallResult.Outcome.PENDING_REVIEW,
                    Optional.of(current.version()), held);
            return Change.commit(now.withPlugin(current.withStatus(held).withPending(Optional.of(pending))),
                    AuditEvent.UPDATE_PENDING, Optional.of(id), Map.of("from", current.version().toString(),
                            "to", update.version().toString(), "needs", reasons), result).then(done -> {
                replaced.filter(r -> !r.version().equals(update.version()))
                        .ifPresent(r -> deleteQuietly(lifecycle.store().pluginDir(id, r.version())));
                return done;
            });
        });
    }

    /** Where the new version's files are and what is known about them. */
    record Staged(Optional<Path> staging, String source, boolean verified, Optional<String> keyId, String manifestSha256) {
        static Staged from(IntakeResult intake) {
            return new Staged(Optional.of(intake.staging()), intake.source(), intake.verified().isPresent(),
                    intake.verified().map(v -> v.key().keyId().hex()), intake.manifestSha256());
        }

        static Staged pending(PendingUpdate pending) {
            return new Staged(Optional.empty(), pending.source(), pending.verified(), pending.publisherKeyId(),
                    pending.manifestSha256());
        }
    }

    /**
     * Switches the plugin to the new version: the granted set gains what was approved (or needed no
     * approval), the active set becomes what the new version asks for and was granted.
     */
    static Change<InstallResult> apply(Lifecycle lifecycle, WardenState state, InstalledPlugin installed,
                                       PluginManifest update, Staged staged, UpdateReview review, boolean approved) throws Exception {
        PluginId id = update.id();
        GrantSet before = state.grants(id);
        GrantSet grants = before.withGranted(review.grantedWithoutAsking());
        List<Permission> active = new ArrayList<>();
        for (Permission p : update.permissions()) {
            if (lifecycle.policy().refusesPermission(p).isPresent()) {
                continue;
            }
            boolean wanted = !p.optional() || before.isActive(p);
            boolean allowed = approved || grants.isGranted(p) || PermissionCoverage.coveredByAny(grants.granted(), p);
            if (wanted && allowed) {
                active.add(p);
            }
        }
        if (staged.staging().isPresent()) {
            PluginFiles.moveIntoPlace(staged.staging().get(), lifecycle.store().pluginDir(id, update.version()));
        }
        PluginStatus status = installed.status() == PluginStatus.PENDING_REVIEW ? PluginStatus.ENABLED : installed.status();
        InstalledPlugin next = installed.withStatus(status).withVersion(update.version(), staged.source(), staged.verified(),
                staged.keyId(), staged.manifestSha256(), lifecycle.clock().instant());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", installed.version().toString());
        details.put("to", update.version().toString());
        details.put("approved", approved);
        details.put("active", Grants.describe(active));
        InstallResult result = new InstallResult(id, update.version(), InstallResult.Outcome.UPDATED,
                Optional.of(installed.version()), status);
        return Change.commit(state.withPlugin(next).withGrants(id, grants.withGranted(active).withActive(active)),
                AuditEvent.UPDATE, Optional.of(id), details, result).then(done -> {
            deleteQuietly(lifecycle.store().pluginDir(id, installed.version()));
            installed.pending().filter(p -> !p.version().equals(update.version()))
                    .ifPresent(p -> deleteQuietly(lifecycle.store().pluginDir(id, p.version())));
            return done;
        });
    }

    /** Old version folders are unreferenced once the commit is done; startup recovery removes any this misses. */
    static void deleteQuietly(Path dir) {
        try {
            FileTrees.deleteTree(dir);
        } catch (IOException ignored) {
            // Recovery at the next locked command removes unreferenced version folders.
        }
    }

    /** True when every file of the bundle is on disk in the installed folder with the same size and hash. */
    private static boolean sameContent(Path installedDir, IntakeResult intake) throws IOException {
        if (intake.verified().isEmpty()) {
            // no signed file list: the extracted files themselves are compared
            return sameTree(installedDir, intake.staging());
        }
        for (FileEntry file : intake.verified().get().files()) {
            Path onDisk = installedDir.resolve(file.path());
            if (!Files.isRegularFile(onDisk, LinkOption.NOFOLLOW_LINKS) || Files.size(onDisk) != file.size()
                    || !Digests.sha256Hex(onDisk).equals(file.sha256())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameTree(Path installedDir, Path stagedDir) throws IOException {
        Map<Path, String> installed = hashes(installedDir);
        return installed.equals(hashes(stagedDir));
    }

    private static Map<Path, String> hashes(Path dir) throws IOException {
        Map<Path, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                hashes.put(dir.relativize(file), Digests.sha256Hex(file));
            }
        }
        return hashes;
    }
}
