package dev.warden.manager.sandbox;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import dev.warden.manager.runtime.PluginRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin's folders laid out in a temp folder as on a real machine: a workspace, a person's home,
 * and a {@code $WARDEN_HOME} holding the plugin's data and install folders.
 */
record SandboxFolders(Path ws, Path home, Path wardenHome, Path system, Path data, Path install) {

    static SandboxFolders in(Path temp) throws IOException {
        Path real = temp.toRealPath();
        Path wardenHome = Files.createDirectories(real.resolve("warden-home"));
        return new SandboxFolders(Files.createDirectories(real.resolve("ws")), Files.createDirectories(real.resolve("home")),
                wardenHome, real.resolve("system"), Files.createDirectories(wardenHome.resolve("data/acme/tool")),
                Files.createDirectories(wardenHome.resolve("plugins/acme/tool")));
    }

    /**
     * The layout of a client started in the person's home: the workspace is the home folder, which holds
     * {@code $WARDEN_HOME} at {@code wardenHome} and the system folder at {@code system} (both relative to it).
     */
    static SandboxFolders workspaceIsHome(Path temp, String wardenHome, String system) throws IOException {
        Path home = Files.createDirectories(temp.toRealPath().resolve("home"));
        Path state = Files.createDirectories(home.resolve(wardenHome));
        return new SandboxFolders(home, home, state, Files.createDirectories(home.resolve(system)),
                Files.createDirectories(state.resolve("data/acme/tool")), Files.createDirectories(state.resolve("plugins/acme/tool")));
    }

    PluginRoots roots() {
        return new PluginRoots(ws, data, home, new WardenHome(wardenHome, system).protectedState());
    }

    BubblewrapSandbox sandbox(Path bwrap, List<Permission> grants) {
        return new BubblewrapSandbox(bwrap, grants, roots(), install);
    }

    static Permission read(String scope) {
        return Permission.of(PermissionKind.FS_READ, scope, "test");
    }

    static Permission write(String scope) {
        return Permission.of(PermissionKind.FS_WRITE, scope, "test");
    }
}
