package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.runtime.Resolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's egress opening on the host's side: where its socket is, who may use it, and that it goes away. */
class EgressOpeningTest {

    @TempDir
    Path temp;

    final EgressRelayTest.Audit audit = new EgressRelayTest.Audit();
    final List<Permission> grants = List.of(Permission.of(PermissionKind.NET_EGRESS, "https://api.example.com", "test"));

    @Test
    void theSocketIsInAFolderOnlyItsOwnerCanEnterAndBothGoAwayOnClose() throws Exception {
        Path socket;
        Path folder;
        try (EgressOpening opening = EgressOpening.open(grants, audit, Resolver.system(), temp)) {
            socket = opening.socket();
            folder = socket.getParent();
            assertThat(folder.getParent()).isEqualTo(temp);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        }
        assertThat(socket).doesNotExist();
        assertThat(folder).doesNotExist();
    }

    @Test
    void eachOpeningHasItsOwnFolder() throws Exception {
        try (EgressOpening one = EgressOpening.open(grants, audit, Resolver.system(), temp);
             EgressOpening two = EgressOpening.open(grants, audit, Resolver.system(), temp)) {
            assertThat(one.socket().getParent()).isNotEqualTo(two.socket().getParent());
        }
    }

    @Test
    void refusesASocketPathLongerThanTheKernelTakesAndLeavesNothing() throws Exception {
        Path deep = Files.createDirectories(temp.resolve("a".repeat(60)).resolve("b".repeat(40)));

        assertThatThrownBy(() -> EgressOpening.open(grants, audit, Resolver.system(), deep))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than the kernel's limit of 107 bytes");
        try (var left = Files.list(deep)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void removesTheFoldersOfOpeningsNobodyAnswersOnAndKeepsLiveAndYoungOnes() throws Exception {
        Path dead = Files.createDirectory(temp.resolve("warden-egress-1"));
        Files.writeString(dead.resolve("egress.sock"), ""); // a socket nobody listens on refuses alike
        Path empty = Files.createDirectory(temp.resolve("warden-egress-2"));
        Path young = Files.createDirectory(temp.resolve("warden-egress-3"));
        Path other = Files.createDirectory(temp.resolve("not-an-opening"));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600));
        try (EgressOpening live = EgressOpening.open(grants, audit, Resolver.system(), temp)) {
            for (Path folder : List.of(dead, empty, other, live.socket().getParent())) {
                Files.setLastModifiedTime(folder, old);
            }

            assertThat(EgressOpening.removeLeftovers(temp, EgressOpening.LEFTOVER_AGE)).isEqualTo(2);

            assertThat(dead).doesNotExist();
            assertThat(empty).doesNotExist();
            assertThat(young).exists();
            assertThat(other).exists();
            assertThat(live.socket()).exists();
        }
        assertThat(audit.entries).isEmpty();
    }

    @Test
    void theDefaultFolderKeepsTheSocketPathShortEvenWhenWardensHomeIsDeep() throws Exception {
        try (EgressOpening opening = EgressOpening.open(grants, audit, Resolver.system())) {
            assertThat(opening.socket().toString().length()).isLessThanOrEqualTo(EgressOpening.MAX_SOCKET_PATH);
        }
    }
}
