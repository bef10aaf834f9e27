package dev.warden.catalog.testing;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;

/** Short names for permissions used in grant fixtures. */
public final class Permissions {

    private Permissions() {
    }

    public static Permission read(String workspacePath) {
        return Permission.of(PermissionKind.FS_READ, "${workspace}/" + workspacePath, "reads " + workspacePath);
    }

    public static Permission write(String workspacePath) {
        return Permission.of(PermissionKind.FS_WRITE, "${workspace}/" + workspacePath, "writes " + workspacePath);
    }

    public static Permission egress(String origin) {
        return Permission.of(PermissionKind.NET_EGRESS, origin, "calls " + origin);
    }

    public static Permission exec(String program) {
        return new Permission(PermissionKind.PROCESS_EXEC, program, "runs " + program, true);
    }
}
