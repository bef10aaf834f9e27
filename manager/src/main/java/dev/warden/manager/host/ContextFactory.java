package dev.warden.manager.host;

import dev.warden.api.PluginContext;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PluginManifest;
import dev.warden.manager.runtime.CapabilityAudit;
import java.util.List;

/** Builds the capabilities a plugin receives: exactly its effective grants, each use reported to {@code audit}. */
@FunctionalInterface
public interface ContextFactory {

    /**
     * @param manifest  the installed version's manifest
     * @param effective active ∩ requested ∩ not blocked by policy
     * @param audit     where every capability use, allowed or denied, is reported
     */
    PluginContext create(PluginManifest manifest, List<Permission> effective, CapabilityAudit audit);
}
