package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One entry of a manifest's {@code dependencies}, as Claude Code writes it: a plugin name, {@code "name@marketplace"},
 * or {@code {"name", "version", "marketplace"}} with an npm semver range. Warden also takes {@code publisher/name} as
 * the name, to pick one publisher's plugin where a marketplace offers two of that name.
 *
 * @param name        the plugin's name ({@code secrets-vault}) or id ({@code acme/secrets-vault})
 * @param marketplace the marketplace to resolve it in; empty for the declaring plugin's own
 * @param range       the versions that satisfy it; {@link VersionRange#any()} when none is given
 * @since 0.1
 */
public record PluginDependency(String name, Optional<String> marketplace, VersionRange range) {

    public PluginDependency {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(marketplace, "marketplace");
        Objects.requireNonNull(range, "range");
    }

    /**
     * @return the dependencies {@code manifest} declares, in order; empty when it declares none. The manifest parser
     *         has checked them, so this does not fail for a parsed manifest.
     * @throws IllegalArgumentException if the stored field is not what the parser accepts, which would be a bug
     */
    public static List<PluginDependency> declaredBy(PluginManifest manifest) {
        Optional<String> raw = manifest.claudeField("dependencies");
        if (raw.isEmpty()) {
            return List.of();
        }
        JsonNode node = ManifestParser.readTrusted(raw.get());
        List<PluginDependency> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            out.add(item.isString() ? ofString(item.stringValue())
                    : new PluginDependency(item.get("name").stringValue(),
                            Optional.ofNullable(item.get("marketplace")).map(JsonNode::stringValue),
                            item.has("version") ? VersionRange.parse(item.get("version").stringValue()) : VersionRange.any()));
        }
        return List.copyOf(out);
    }

    /** {@code name} or {@code name@marketplace}, any version. */
    static PluginDependency ofString(String text) {
        int at = text.indexOf('@');
        return at < 0 ? new PluginDependency(text, Optional.empty(), VersionRange.any())
                : new PluginDependency(text.substring(0, at), Optional.of(text.substring(at + 1)), VersionRange.any());
    }

    /** @return true when {@code id} is the plugin this names: its name, or its whole id when this names an id */
    public boolean names(PluginId id) {
        return name.indexOf('/') >= 0 ? id.toString().equals(name) : id.name().equals(name);
    }

    /** @return how a person reads it: {@code secrets-vault@acme-tools ~2.1.0}, or {@code audit-logger (any version)} */
    @Override
    public String toString() {
        return name + marketplace.map(m -> "@" + m).orElse("") + (range.isAny() ? " (any version)" : " " + range);
    }
}
