package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.ConnectorSpec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.catalog.manifest.Version;
import java.util.List;

/** Builds acme/weather manifests for review tests, one changed part at a time. */
final class Manifests {

    private final PluginManifest.Builder builder;

    private Manifests(String version) {
        builder = PluginManifest.builder("weather", Version.parse(version), "acme");
    }

    static Manifests version(String version) {
        return new Manifests(version);
    }

    static PluginManifest withPermissions(List<Permission> permissions) {
        Manifests m = version("1.0.0");
        permissions.forEach(m.builder::permission);
        return m.build();
    }

    Manifests permission(String text) {
        builder.permission(Perms.p(text));
        return this;
    }

    Manifests connector(String name, String description) {
        return connector(name, description, "{\"type\": \"object\"}");
    }

    Manifests connector(String name, String description, String schema) {
        builder.connector(new ConnectorSpec(name, description, schema));
        return this;
    }

    Manifests mcpServers(String rawJson) {
        builder.claudeField("mcpServers", rawJson);
        return this;
    }

    PluginManifest build() {
        return builder.build();
    }
}
