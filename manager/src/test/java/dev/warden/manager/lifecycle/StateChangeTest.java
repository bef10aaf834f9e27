package dev.warden.manager.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.manager.testing.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enable, disable, grant, revoke and remove, judged by what they return, the state and the audit log. */
class StateChangeTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");
    private static final Version V1 = Version.parse("1.0.0");
    private static final String EGRESS = "https://api.weather.gov";
    private static final String REPORTS = "${workspace}/reports/**";

    @TempDir
    Path temp;

    TestHome acme;
    StateChange changes;

    @BeforeEach
    void setUp() throws Exception {
        acme = new TestHome(temp, "acme").trusted();
        Path bundle = acme.signed(InstallationTest.weather("1.0.0"), "weather-1.0.0");
        new Installation(acme.lifecycle(), bundle, new Installation.Options(true, false, false, Optional.empty())).run();
        changes = new StateChange(acme.lifecycle());
    }

    @Test
    void disablingAndEnablingSayWhetherTheyChangedAnything() throws Exception {
        assertThat(changes.disable(WEATHER)).isEqualTo(new StateChange.Toggled(WEATHER, V1, true));
        assertThat(acme.state().plugin(WEATHER).orElseThrow().status()).isEqualTo(PluginStatus.DISABLED);
        long entries = acme.events().size();

        assertThat(changes.disable(WEATHER)).isEqualTo(new StateChange.Toggled(WEATHER, V1, false));
        assertThat(acme.events()).hasSize((int) entries);

        assertThat(changes.enable(WEATHER)).isEqualTo(new StateChange.Toggled(WEATHER, V1, true));
        assertThat(acme.state().plugin(WEATHER).orElseThrow().status()).isEqualTo(PluginStatus.ENABLED);
        assertThat(acme.events()).containsSubsequence(AuditEvent.DISABLE.id(), AuditEvent.ENABLE.id());
    }

    @Test
    void revokingARequiredPermissionDisablesThePluginAndEnablingItIsRefused() throws Exception {
        StateChange.Revoked revoked = changes.revoke(WEATHER, PermissionKind.NET_EGRESS, EGRESS);

        assertThat(revoked).isEqualTo(new StateChange.Revoked(WEATHER, PermissionKind.NET_EGRESS, EGRESS, true));
        assertThat(acme.state().plugin(WEATHER).orElseThrow().status()).isEqualTo(PluginStatus.DISABLED);
        assertThat(acme.state().grants(WEATHER).isGranted(PermissionKind.NET_EGRESS, EGRESS)).isFalse();
        assertThat(acme.last(AuditEvent.REVOKE).details()).containsEntry("disabled", true);
        assertThatThrownBy(() -> changes.enable(WEATHER)).isInstanceOf(RefusalException.class).hasMessageContaining("which you revoked");
    }

    @Test
    void revokingWhatWasNeverGrantedIsRefused() {
        assertThatThrownBy(() -> changes.revoke(WEATHER, PermissionKind.FS_WRITE, REPORTS))
                .isInstanceOf(RefusalException.class).hasMessageContaining("holds no grant");
    }

    @Test
    void anOptionalPermissionIsRequestedThenGranted() throws Exception {
        StateChange.GrantRequest request = changes.requestGrant(WEATHER, PermissionKind.FS_WRITE, REPORTS);

        assertThat(request.alreadyActive()).isFalse();
        assertThat(request.permission().optional()).isTrue();
        assertThat(acme.state().grants(WEATHER).isActive(PermissionKind.FS_WRITE, REPORTS)).isFalse();

        changes.grant(request);

        assertThat(acme.state().grants(WEATHER).isActive(PermissionKind.FS_WRITE, REPORTS)).isTrue();
        assertThat(acme.last(AuditEvent.GRANT).details()).containsEntry("scope", REPORTS);
        assertThat(changes.requestGrant(WEATHER, PermissionKind.FS_WRITE, REPORTS).alreadyActive()).isTrue();
    }

    @Test
    void aGrantRequestedBeforeAnotherChangeOfThePluginIsRefusedAsOutdated() throws Exception {
        StateChange.GrantRequest request = changes.requestGrant(WEATHER, PermissionKind.FS_WRITE, REPORTS);
        changes.revoke(WEATHER, PermissionKind.NET_EGRESS, EGRESS);

        assertThatThrownBy(() -> changes.grant(request)).isInstanceOf(RefusalException.class)
                .hasMessageContaining("changed the grants");
        assertThat(acme.state().grants(WEATHER).isActive(PermissionKind.FS_WRITE, REPORTS)).isFalse();
        assertThat(acme.events()).contains(AuditEvent.REVIEW_OUTDATED.id()).doesNotContain(AuditEvent.GRANT.id());
    }

    @Test
    void onlyWhatThePluginDeclaresCanBeGranted() {
        assertThatThrownBy(() -> changes.requestGrant(WEATHER, PermissionKind.FS_WRITE, "/etc/**"))
                .isInstanceOf(RefusalException.class).hasMessageContaining("does not ask for");
    }

    /** The plugin's data folder, holding one note. */
    Path dataWith(String note) throws Exception {
        Path data = acme.store().dataDir(WEATHER);
        Files.createDirectories(data);
        Files.writeString(data.resolve("notes.txt"), note);
        return data;
    }

    @Test
    void removingKeepsTheDataUnlessPurged() throws Exception {
        Path data = dataWith("kept");

        StateChange.Removal removal = changes.remove(WEATHER, false);

        assertThat(removal).isEqualTo(new StateChange.Removal(WEATHER, V1, Optional.empty(), Optional.of(data), Optional.empty()));
        assertThat(acme.state().plugin(WEATHER)).isEmpty();
        assertThat(acme.state().grants()).doesNotContainKey(WEATHER);
        assertThat(acme.store().pluginDir(WEATHER, V1)).doesNotExist();
        assertThat(data.resolve("notes.txt")).hasContent("kept");
        assertThat(acme.last(AuditEvent.REMOVE).details()).containsEntry("purged", false);
    }

    @Test
    void removingWithPurgeMovesTheDataToTheTrash() throws Exception {
        Path data = dataWith("trashed");

        StateChange.Removal removal = changes.remove(WEATHER, true);

        Path trashed = removal.trashed().orElseThrow();
        assertThat(trashed.resolve("notes.txt")).hasContent("trashed");
        assertThat(trashed.getParent()).isEqualTo(acme.store().trashDir());
        assertThat(data).doesNotExist();
        assertThat(acme.last(AuditEvent.REMOVE).details()).containsEntry("purged", true).containsEntry("trash", trashed.toString());
    }

    @Test
    void removingWhatIsNotInstalledIsRefused() {
        assertThatThrownBy(() -> changes.remove(PluginId.parse("acme/other"), false))
                .isInstanceOf(RefusalException.class).hasMessageContaining("is not installed");
    }

    @Test
    void aRefusedTransactionChangesAndAuditsNothing() throws Exception {
        long entries = acme.events().size();
        var before = acme.state();

        assertThatThrownBy(() -> acme.lifecycle().change("test", state -> {
            throw new RefusalException("no");
        })).isInstanceOf(RefusalException.class);

        assertThat(acme.state()).isEqualTo(before);
        assertThat(acme.events()).hasSize((int) entries);
    }
}
