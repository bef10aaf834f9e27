package dev.warden.catalog.manifest;

import dev.warden.catalog.manifest.PluginManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code warden lint} found in a plugin source folder.
 *
 * @param findings every finding, errors and warnings, in the order they were found
 * @param manifest the parsed manifest, when it was found and valid
 */
public record LintReport(List<LintFinding> findings, Optional<PluginManifest> manifest) {

    /** Copies the list. */
    public LintReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(manifest, "manifest");
    }

    /** @return whether any finding is an error */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** @return the findings of one severity, possibly none */
    public List<LintFinding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }
}
