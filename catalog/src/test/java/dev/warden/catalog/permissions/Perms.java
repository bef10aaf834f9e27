package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import java.util.List;

/** Writes permissions in tests as {@code "kind scope"}; a leading {@code ?} makes one optional. */
final class Perms {

    private Perms() {
    }

    static Permission p(String text) {
        boolean optional = text.startsWith("?");
        String body = optional ? text.substring(1) : text;
        int space = body.indexOf(' ');
        PermissionKind kind = PermissionKind.byId(body.substring(0, space)).orElseThrow();
        return new Permission(kind, body.substring(space + 1), "because the test says so", optional);
    }

    static List<Permission> all(String... texts) {
        return java.util.Arrays.stream(texts).map(Perms::p).toList();
    }
}
