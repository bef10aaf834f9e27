package dev.warden.manager.runtime;

import dev.warden.api.capability.Exec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.WardenHome;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@code /usr/bin/env} through {@link GrantedExec} and prints what it printed. {@link GrantedExecTest}
 * starts it in a second JVM whose own environment holds {@code LD_PRELOAD} and friends.
 */
final class ExecEnvProbe {

    private ExecEnvProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        GrantedExec exec = new GrantedExec(List.of(Permission.of(PermissionKind.PROCESS_EXEC, "/usr/bin/env", "probe")),
                new PluginRoots(workspace, workspace.resolve("data"), workspace,
                        new WardenHome(workspace.resolve("warden-home"), workspace.resolve("system")).protectedState()), (kind, target, allowed, detail) -> { },
                ExecLimits.defaults());
        System.out.print(exec.run(Exec.Request.of("/usr/bin/env")).stdout());
    }
}
