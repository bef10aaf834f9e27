package dev.warden.catalog.manifest;

import java.util.Objects;

/**
 * One finding of {@link ManifestLinter}.
 *
 * @param severity how serious it is
 * @param location the file relative to the source folder, followed for manifest problems by
 *                 {@code :} and a JSON path, e.g. {@code plugin.json:$.permissions[1].scope}
 * @param message  what is wrong and what to do
 */
public record LintFinding(Severity severity, String location, String message) {

    /** @throws NullPointerException if any part is null */
    public LintFinding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code error location: message} */
    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + location + ": " + message;
    }
}
