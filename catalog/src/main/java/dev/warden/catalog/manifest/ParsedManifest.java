package dev.warden.catalog.manifest;

import dev.warden.catalog.manifest.PluginManifest;
import java.util.List;
import java.util.Objects;

/**
 * A manifest that was accepted, with the warnings found on the way (unknown fields in standard mode).
 *
 * @param manifest the manifest
 * @param warnings problems that did not refuse it, possibly empty
 */
public record ParsedManifest(PluginManifest manifest, List<ManifestProblem> warnings) {

    /** @throws NullPointerException if either part is null */
    public ParsedManifest {
        Objects.requireNonNull(manifest, "manifest");
        warnings = List.copyOf(warnings);
    }
}
