package dev.warden.manager.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Warden's own state is, as named and through links, and which scopes aim into it. */
class ProtectedStateTest {

    @TempDir
    Path temp;

    Path person;
    Path state;
    Path system;

    @BeforeEach
    void layout() throws Exception {
        person = Files.createDirectories(temp.toRealPath().resolve("person"));
        state = Files.createDirectories(person.resolve(".warden"));
        system = person.resolve("etc-warden");
    }

    ProtectedState of(Path root) {
        return new WardenHome(root, system, person).protectedState();
    }

    static Permission p(PermissionKind kind, String scope) {
        return Permission.of(kind, scope, "test");
    }

    @Test
    void theHomeAndTheSystemFolderAndEverythingBelowAreProtectedButNotTheirParentsOrNeighbours() {
        ProtectedState protectedState = of(state);

        assertThat(protectedState.contains(state)).isTrue();
        assertThat(protectedState.contains(state.resolve("secrets/secrets.json"))).isTrue();
        assertThat(protectedState.contains(system.resolve("trust/publishers/corp.json"))).isTrue();
        assertThat(protectedState.contains(person)).isFalse();
        assertThat(protectedState.contains(person.resolve(".warden-notes"))).isFalse();
        assertThat(protectedState.below(person)).containsExactlyInAnyOrder(state, system);
        assertThat(protectedState.below(state)).isEmpty();
    }

    @Test
    void thePluginsOwnDataFolderIsCarvedOutAndNothingElse() {
        Path data = state.resolve("data/acme/tool");
        ProtectedState own = of(state).except(data);

        assertThat(own.contains(data.resolve("cache.json"))).isFalse();
        assertThat(own.contains(state.resolve("data/acme/other/cache.json"))).isTrue();
        assertThat(own.contains(state.resolve("grants.json"))).isTrue();
    }

    @Test
    void aHomeNamedThroughALinkIsProtectedAsNamedAndAtItsRealPath() throws Exception {
        Path link = Files.createSymbolicLink(person.resolve("warden-link"), state);
        ProtectedState protectedState = of(link);

        assertThat(protectedState.contains(state.resolve("grants.json"))).isTrue();
        assertThat(protectedState.contains(link)).isTrue();
        assertThat(protectedState.reaches(person.resolve("other-link-that-does-not-exist"))).isFalse();
        Path another = Files.createSymbolicLink(person.resolve("another"), state);
        assertThat(protectedState.reaches(another.resolve("gateway-token"))).isTrue();
    }

    @Test
    void resolveTakesThePersonsHomeFromHomeAndTheStateFromWardenHome() {
        WardenHome home = WardenHome.resolve(Optional.empty(), Map.of("HOME", person.toString()));

        assertThat(home.root()).isEqualTo(state);
        assertThat(home.userHome()).isEqualTo(person);
    }

    @Test
    void fileScopesWhoseFixedPartLiesInTheStateAimAtIt() {
        ProtectedState protectedState = of(state);

        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${home}/.warden/**"), person)).contains(state);
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${home}/.warden"), person)).contains(state);
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_WRITE, "${home}/.warden/grants.json"), person)).isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_DELETE, "${home}/.warden/trust/*.json"), person)).isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, system + "/**"), person)).isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, state + "/secrets/**"), person)).isPresent();
    }

    @Test
    void broadScopesAndOtherRootsDoNotAimAtTheStateTheyOnlyHold() {
        ProtectedState protectedState = of(state);

        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${home}/**"), person)).isEmpty();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${home}"), person)).isEmpty();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${home}/.warden-notes/**"), person)).isEmpty();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_READ, "${workspace}/.warden/**"), person)).isEmpty();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.FS_WRITE, "${plugin_data}/**"), person)).isEmpty();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.NET_EGRESS, "https://example.com"), person)).isEmpty();
    }

    @Test
    void anExecGrantAimsAtTheStateByItsProgramOrAnArgumentWord() {
        ProtectedState protectedState = of(state);

        assertThat(protectedState.aimedAtBy(p(PermissionKind.PROCESS_EXEC, state + "/plugins/x/bin/tool"), person)).isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.PROCESS_EXEC, "/usr/bin/cat " + state + "/gateway-token"), person))
                .isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.PROCESS_EXEC, "/usr/bin/tool --config=" + state + "/grants.json"),
                person)).isPresent();
        assertThat(protectedState.aimedAtBy(p(PermissionKind.PROCESS_EXEC, "/usr/bin/git status *"), person)).isEmpty();
    }

    @Test
    void aScopeThroughALinkToTheStateAimsAtIt() throws Exception {
        Files.createSymbolicLink(person.resolve("shortcut"), state);

        assertThat(of(state).aimedAtBy(p(PermissionKind.FS_READ, "${home}/shortcut/**"), person)).isPresent();
    }
}
