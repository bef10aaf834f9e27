package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PermissionKind;

/**
 * Where a capability reports every use, allowed or denied, before it acts or refuses: the broker
 * writes each report to the audit log and counts denials (THREATS: repeated denials quarantine the
 * plugin). Implementations must be thread-safe.
 */
public interface CapabilityAudit {

    /**
     * @param kind    the permission kind the use needs, e.g. {@code fs.read}
     * @param target  the canonical target, e.g. the real path or {@code https://host:443}; never a secret value
     * @param allowed whether the use goes ahead
     * @param detail  a few words for people: what was done, or why it was denied
     */
    void record(PermissionKind kind, String target, boolean allowed, String detail);
}
