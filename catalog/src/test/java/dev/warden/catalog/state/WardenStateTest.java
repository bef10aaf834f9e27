package dev.warden.catalog.state;

import static dev.warden.catalog.testing.InstalledPluginBuilder.plugin;
import static dev.warden.catalog.testing.Permissions.egress;
import static dev.warden.catalog.testing.Permissions.read;
import static dev.warden.catalog.testing.Permissions.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.testing.States;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WardenStateTest {

    private static final PluginId WEATHER = PluginId.parse("acme/weather");

    @Test
    void listsPluginsSortedByIdWhateverTheOrderTheyWereAdded() {
        WardenState state = WardenState.empty()
                .withPlugin(plugin("zeta/notes").build())
                .withPlugin(plugin("acme/weather").build())
                .withPlugin(plugin("acme/git-helper").build());

        assertThat(state.plugins().keySet()).extracting(PluginId::toString)
                .containsExactly("acme/git-helper", "acme/weather", "zeta/notes");
    }

    @Test
    void isImmutable() {
        WardenState state = States.several();

        assertThatThrownBy(() -> state.plugins().remove(WEATHER)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> state.grants().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void removingAPluginAlsoForgetsItsGrantsSoAReinstallAsksAgain() {
        WardenState state = States.several();

        WardenState removed = state.withoutPlugin(WEATHER);

        assertThat(removed.plugin(WEATHER)).isEmpty();
        assertThat(removed.grants(WEATHER)).isEqualTo(GrantSet.empty());
        assertThat(removed.withPlugin(plugin("acme/weather").build()).grants(WEATHER).isEmpty()).isTrue();
    }

    @Test
    void replacingAPluginKeepsItsGrants() {
        WardenState state = States.several();

        WardenState updated = state.withPlugin(state.plugin(WEATHER).orElseThrow().withStatus(PluginStatus.DISABLED));

        assertThat(updated.grants(WEATHER)).isEqualTo(state.grants(WEATHER));
        assertThat(updated.plugin(WEATHER).orElseThrow().status()).isEqualTo(PluginStatus.DISABLED);
    }

    @Test
    void refusesGrantsForAPluginThatIsNotInstalled() {
        GrantSet grants = new GrantSet(List.of(read("docs")), List.of());

        assertThatThrownBy(() -> WardenState.empty().withGrants(WEATHER, grants))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme/weather");
    }

    @Test
    void refusesAPluginFiledUnderAnotherId() {
        assertThatThrownBy(() -> new WardenState(Map.of(WEATHER, plugin("zeta/notes").build()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyGrantSetIsNotKept() {
        WardenState state = States.several().withGrants(WEATHER, GrantSet.empty());

        assertThat(state.grants()).doesNotContainKey(WEATHER);
        assertThat(state).isEqualTo(States.several().withGrants(WEATHER, GrantSet.empty()));
    }

    @Test
    void grantsCompareOnKindAndScopeNotOnTheReason() {
        GrantSet grants = new GrantSet(List.of(read("docs")), List.of(read("docs")));
        Permission sameWithOtherReason = new Permission(PermissionKind.FS_READ, "${workspace}/docs", "another reason", true);

        assertThat(grants.isGranted(sameWithOtherReason)).isTrue();
        assertThat(grants.isActive(sameWithOtherReason)).isTrue();
        assertThat(grants.isGranted(read("docs/sub"))).isFalse();
        assertThat(grants.isGranted(write("docs"))).isFalse();
    }

    @Test
    void grantingAgainReplacesTheStoredReasonInPlace() {
        GrantSet grants = new GrantSet(List.of(read("docs"), egress("https://api.example.com")), List.of());
        Permission newReason = Permission.of(PermissionKind.FS_READ, "${workspace}/docs", "reads your docs to index them");

        GrantSet regranted = grants.withGranted(List.of(newReason));

        assertThat(regranted.granted()).containsExactly(newReason, egress("https://api.example.com"));
    }

    @Test
    void aDroppedPermissionStaysGrantedButNotActive() {
        GrantSet grants = new GrantSet(List.of(read("docs"), egress("https://api.example.com")),
                List.of(read("docs"), egress("https://api.example.com")));

        GrantSet afterUpdate = grants.withActive(List.of(read("docs")));

        assertThat(afterUpdate.isGranted(egress("https://api.example.com"))).isTrue();
        assertThat(afterUpdate.isActive(egress("https://api.example.com"))).isFalse();
    }

    @Test
    void refusesAnActivePermissionThatWasNeverGranted() {
        assertThatThrownBy(() -> new GrantSet(List.of(read("docs")), List.of(write("docs"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fs.write");
        assertThatThrownBy(() -> GrantSet.empty().withActive(List.of(read("docs"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokingRemovesThePermissionFromBothSets() {
        GrantSet grants = new GrantSet(List.of(read("docs"), write("out")), List.of(read("docs"), write("out")));

        GrantSet revoked = grants.without(PermissionKind.FS_WRITE, "${workspace}/out");

        assertThat(revoked.granted()).containsExactly(read("docs"));
        assertThat(revoked.active()).containsExactly(read("docs"));
    }

    @Test
    void installedPluginWithersChangeOnlyTheirPart() {
        InstalledPlugin plugin = plugin("acme/weather").version("1.2.0").pending("1.3.0", "adds a host").build();
        Instant later = plugin.updatedAt().plusSeconds(60);

        InstalledPlugin updated = plugin.withVersion(Version.parse("1.3.0"), "marketplace:other", false,
                Optional.empty(), "c".repeat(64), later);

        assertThat(updated.version()).isEqualTo(Version.parse("1.3.0"));
        assertThat(updated.pending()).isEmpty();
        assertThat(updated.installedAt()).isEqualTo(plugin.installedAt());
        assertThat(updated.updatedAt()).isEqualTo(later);
        assertThat(updated.status()).isEqualTo(plugin.status());
        assertThat(plugin.withoutPending().withPending(plugin.pending()).equals(plugin)).isTrue();
    }

    @Test
    void refusesAManifestDigestThatIsNotSha256Hex() {
        assertThatThrownBy(() -> plugin("acme/weather").build().withVersion(Version.parse("1.0.1"), "x", true,
                Optional.of("k"), "ABC", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    }

    @Test
    void statusIdsRoundTrip() {
        for (PluginStatus status : PluginStatus.values()) {
            assertThat(PluginStatus.byId(status.id())).contains(status);
        }
        assertThat(PluginStatus.PENDING_REVIEW.id()).isEqualTo("pending-review");
        assertThat(PluginStatus.byId("ENABLED")).isEmpty();
    }
}
