package dev.warden.catalog.testing;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.manifest.Version;
import dev.warden.catalog.state.InstalledPlugin;
import dev.warden.catalog.state.PendingUpdate;
import dev.warden.catalog.state.PluginStatus;
import dev.warden.io.Digests;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds an {@link InstalledPlugin} with plausible defaults; each setter overrides one part. */
public final class InstalledPluginBuilder {

    public static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    private final PluginId id;
    private Version version = Version.parse("1.0.0");
    private PluginStatus status = PluginStatus.ENABLED;
    private boolean verified = true;
    private Optional<String> keyId;
    private String source = "marketplace:official";
    private String manifestSha256;
    private Instant installedAt = T0;
    private Instant updatedAt = T0;
    private Optional<PendingUpdate> pending = Optional.empty();

    private InstalledPluginBuilder(PluginId id) {
        this.id = id;
        this.keyId = Optional.of(id.publisher() + "-key-1");
        this.manifestSha256 = Digests.sha256Hex(id.toString());
    }

    /** @param id {@code publisher/name} */
    public static InstalledPluginBuilder plugin(String id) {
        return new InstalledPluginBuilder(PluginId.parse(id));
    }

    public InstalledPluginBuilder version(String text) {
        this.version = Version.parse(text);
        this.manifestSha256 = Digests.sha256Hex(id + "@" + text);
        return this;
    }

    public InstalledPluginBuilder status(PluginStatus value) {
        this.status = value;
        return this;
    }

    public InstalledPluginBuilder unverified() {
        this.verified = false;
        this.keyId = Optional.empty();
        this.source = "file:/tmp/" + id.name() + ".wpk";
        return this;
    }

    public InstalledPluginBuilder source(String value) {
        this.source = value;
        return this;
    }

    public InstalledPluginBuilder installedAt(Instant value) {
        this.installedAt = value;
        this.updatedAt = value;
        return this;
    }

    /** Waits for review of {@code versionText}, staged an hour after install. */
    public InstalledPluginBuilder pending(String versionText, String... reasons) {
        this.pending = Optional.of(new PendingUpdate(Version.parse(versionText), source, installedAt.plusSeconds(3600),
                List.of(reasons), true, Optional.of("b".repeat(64)), "c".repeat(64)));
        return this;
    }

    public InstalledPlugin build() {
        return new InstalledPlugin(id, version, status, verified, keyId, source, manifestSha256, installedAt,
                updatedAt, pending);
    }
}
