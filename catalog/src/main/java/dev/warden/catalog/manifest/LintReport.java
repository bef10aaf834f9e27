package dev.warden.catalog.manifest;

import java.util.List;

/**
 * What {@code warden lint} found in a plugin source folder.
 *
 * @param findings every finding, errors and warnings, in the order they were found
 */
public record LintReport(List<LintFinding> findings) {

    /** Copies the list. */
    public LintReport {
        findings = List.copyOf(findings);
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
