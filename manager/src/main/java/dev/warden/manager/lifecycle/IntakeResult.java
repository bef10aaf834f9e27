package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.scan.Finding;
import dev.warden.signing.VerifiedBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A bundle taken in: checked, extracted into staging, its manifest parsed and its text scanned.
 *
 * @param staging the extracted files, not yet installed
 * @param verified the publisher signature proof; empty for an unverified bundle the person allowed
 * @param manifest the signed manifest
 * @param manifestSha256 hex SHA-256 of the manifest bytes
 * @param findings what the static check found
 * @param classesChecked how many classes the bytecode check passed (those that failed refuse the bundle)
 * @param source where the bundle came from, for the catalog and audit
 */
public record IntakeResult(Path staging, Optional<VerifiedBundle> verified, PluginManifest manifest, String manifestSha256,
                           List<Finding> findings, int classesChecked, String source) {

    public IntakeResult {
        findings = List.copyOf(findings);
    }

    public boolean hasHiddenCharacters() {
        return findings.stream().anyMatch(Finding::refusesInstall);
    }
}
