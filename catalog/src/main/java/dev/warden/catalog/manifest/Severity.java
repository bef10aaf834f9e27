package dev.warden.catalog.manifest;

/** How serious a lint finding is. */
public enum Severity {
    /** The plugin cannot be packed or installed as it is. */
    ERROR,
    /** Worth fixing; an error under {@code lint --strict} only where the finding says so. */
    WARNING
}
