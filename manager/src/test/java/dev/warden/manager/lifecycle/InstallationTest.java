package dev.warden.manager.lifecycle;

import static dev.warden.manager.testing.PluginSource.plugin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.GrantSet;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.manager.testing.PluginSource;
import dev.warden.manager.testing.TestHome;
import dev.warden.signing.BundleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install pipeline, judged by what it returns, the state it leaves and the audit entries it writes. */
class InstallationTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");
    private static final Installation.Options YES = new Installation.Options(true, false, false, Optional.empty());

    @TempDir
    Path temp;

    TestHome acme;

    @BeforeEach
    void setUp() throws Exception {
        acme = new TestHome(temp, "acme").trusted();
    }

    static PluginSource weather(String version) {
        return plugin("acme", "weather").version(version)
                .permission("net.egress", "https://api.weather.gov", "fetch forecasts")
                .optionalPermission("fs.write", "${workspace}/reports/**", "save reports")
                .skill("briefing", "Give a weather briefing", "Call the forecast tool.");
    }

    InstallResult install(Path bundle, Installation.Options options) throws Exception {
        return new Installation(acme.lifecycle(), bundle, options).run();
    }

    @Test
    void aSignedBundleIsInstalledEnabledWithItsRequiredPermissionsGranted() throws Exception {
        InstallResult result = install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);

        assertThat(result).isEqualTo(new InstallResult(WEATHER, Version.parse("1.0.0"), InstallResult.Outcome.INSTALLED,
                Optional.empty(), PluginStatus.ENABLED));
        InstalledPlugin installed = acme.state().plugin(WEATHER).orElseThrow();
        assertThat(installed.verified()).isTrue();
        assertThat(installed.status()).isEqualTo(PluginStatus.ENABLED);
        GrantSet grants = acme.state().grants(WEATHER);
        assertThat(grants.isGranted(PermissionKind.NET_EGRESS, "https://api.weather.gov")).isTrue();
        assertThat(grants.isGranted(PermissionKind.FS_WRITE, "${workspace}/reports/**")).isFalse();
        assertThat(acme.last(AuditEvent.INSTALL).details()).containsEntry("verified", true).containsEntry("version", "1.0.0");
    }

    @Test
    void withOptionalAlsoGrantsTheOptionalPermissions() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), new Installation.Options(true, true, false, Optional.empty()));

        assertThat(acme.state().grants(WEATHER).isActive(PermissionKind.FS_WRITE, "${workspace}/reports/**")).isTrue();
    }

    @Test
    void theCommitRecordsTheAuditHeadOfItsOwnEntry() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);

        long installEntry = acme.last(AuditEvent.INSTALL).seq();
        assertThat(acme.store().committedAuditHead().orElseThrow().seq()).isEqualTo(installEntry);
        assertThat(acme.store().verifyAudit().ok()).isTrue();
    }

    @Test
    void aBundleOfAPublisherPolicyBlocksIsRefusedAndNothingIsInstalled() throws Exception {
        acme.policy("{\"publishers\":{\"block\":[\"acme\"]}}");

        assertThatThrownBy(() -> install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES))
                .isInstanceOf(RefusalException.class);

        assertThat(acme.state().plugins()).isEmpty();
        assertThat(acme.events()).contains(AuditEvent.INSTALL_REFUSED.id()).doesNotContain(AuditEvent.INSTALL.id());
        assertThat(Files.exists(acme.store().pluginDir(WEATHER, Version.parse("1.0.0")))).isFalse();
    }

    @Test
    void anUnsignedBundleIsRefusedUnlessThePersonAcceptsItUnverified() throws Exception {
        Path bundle = acme.unsigned(plugin("solo", "tool").skill("tool", "A tool", "Use it."), "solo-tool");

        assertThatThrownBy(() -> install(bundle, YES)).isInstanceOf(BundleException.class);
        assertThat(acme.state().plugins()).isEmpty();
        assertThat(acme.last(AuditEvent.INSTALL_REFUSED).plugin()).isEmpty();

        InstallResult result = install(bundle, new Installation.Options(true, false, true, Optional.empty()));

        assertThat(result.outcome()).isEqualTo(InstallResult.Outcome.INSTALLED);
        assertThat(acme.state().plugin(PluginId.parse("solo/tool")).orElseThrow().verified()).isFalse();
    }

    @Test
    void anUnsignedBundleInATrustedPublishersNamespaceIsRefusedEvenWhenUnverifiedIsAccepted() throws Exception {
        Path bundle = acme.unsigned(weather("1.0.0"), "weather-unsigned");

        assertThatThrownBy(() -> install(bundle, new Installation.Options(true, false, true, Optional.empty())))
                .isInstanceOf(RefusalException.class).hasMessageContaining("namespace of publisher acme");

        assertThat(acme.state().plugins()).isEmpty();
        assertThat(acme.last(AuditEvent.INSTALL_REFUSED).plugin()).contains(WEATHER);
    }

    @Test
    void anInstallThePersonDeclinesChangesNothing() throws Exception {
        Path bundle = acme.signed(weather("1.0.0"), "weather-1.0.0");

        assertThatThrownBy(() -> install(bundle, new Installation.Options(false, false, false, Optional.empty())))
                .isInstanceOf(RefusalException.class);

        assertThat(acme.state().plugins()).isEmpty();
        assertThat(acme.events()).contains(AuditEvent.INSTALL_DECLINED.id());
    }

    @Test
    void theSameBundleAgainIsAlreadyInstalled() throws Exception {
        Path bundle = acme.signed(weather("1.0.0"), "weather-1.0.0");
        install(bundle, YES);

        InstallResult again = install(bundle, YES);

        assertThat(again.outcome()).isEqualTo(InstallResult.Outcome.ALREADY_INSTALLED);
        assertThat(acme.events()).containsOnlyOnce(AuditEvent.INSTALL.id());
    }

    @Test
    void anUpdateAskingForNothingNewIsApplied() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);

        InstallResult result = install(acme.signed(weather("1.1.0"), "weather-1.1.0"), YES);

        assertThat(result).isEqualTo(new InstallResult(WEATHER, Version.parse("1.1.0"), InstallResult.Outcome.UPDATED,
                Optional.of(Version.parse("1.0.0")), PluginStatus.ENABLED));
        assertThat(acme.state().plugin(WEATHER).orElseThrow().version()).isEqualTo(Version.parse("1.1.0"));
        assertThat(Files.exists(acme.store().pluginDir(WEATHER, Version.parse("1.0.0")))).isFalse();
    }

    @Test
    void anUpdateAskingForMoreIsHeldForReviewAndThePluginWaits() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);
        Path v2 = acme.signed(weather("2.0.0").permission("process.exec", "/usr/bin/git", "read history"), "weather-2.0.0");

        InstallResult held = install(v2, YES);

        assertThat(held).isEqualTo(new InstallResult(WEATHER, Version.parse("2.0.0"), InstallResult.Outcome.PENDING_REVIEW,
                Optional.of(Version.parse("1.0.0")), PluginStatus.PENDING_REVIEW));
        InstalledPlugin plugin = acme.state().plugin(WEATHER).orElseThrow();
        assertThat(plugin.version()).isEqualTo(Version.parse("1.0.0"));
        assertThat(plugin.pending().orElseThrow().version()).isEqualTo(Version.parse("2.0.0"));
        assertThat(acme.last(AuditEvent.UPDATE_PENDING).details()).containsEntry("to", "2.0.0");
    }

    @Test
    void aHeldUpdateApprovedOnReviewIsApplied() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);
        install(acme.signed(weather("2.0.0").permission("process.exec", "/usr/bin/git", "read history"), "weather-2.0.0"), YES);

        InstallResult approved = new PendingReview(acme.lifecycle(), WEATHER, PendingReview.Decision.APPROVE).run();

        assertThat(approved.outcome()).isEqualTo(InstallResult.Outcome.UPDATED);
        assertThat(acme.state().plugin(WEATHER).orElseThrow().status()).isEqualTo(PluginStatus.ENABLED);
        assertThat(acme.state().grants(WEATHER).isActive(PermissionKind.PROCESS_EXEC, "/usr/bin/git")).isTrue();
        assertThat(acme.events()).containsSubsequence(AuditEvent.REVIEW_APPROVED.id(), AuditEvent.UPDATE.id());
    }

    @Test
    void aHeldUpdateRejectedOnReviewLeavesTheInstalledVersion() throws Exception {
        install(acme.signed(weather("1.0.0"), "weather-1.0.0"), YES);
        install(acme.signed(weather("2.0.0").permission("process.exec", "/usr/bin/git", "read history"), "weather-2.0.0"), YES);

        InstallResult rejected = new PendingReview(acme.lifecycle(), WEATHER, PendingReview.Decision.REJECT).run();

        assertThat(rejected).isEqualTo(new InstallResult(WEATHER, Version.parse("2.0.0"), InstallResult.Outcome.REJECTED,
                Optional.of(Version.parse("1.0.0")), PluginStatus.ENABLED));
        InstalledPlugin plugin = acme.state().plugin(WEATHER).orElseThrow();
        assertThat(plugin.pending()).isEmpty();
        assertThat(Files.exists(acme.store().pluginDir(WEATHER, Version.parse("2.0.0")))).isFalse();
        assertThat(acme.events()).contains(AuditEvent.REVIEW_REJECTED.id());
    }
}
