package dev.warden.manager.host;

import dev.warden.api.PermissionDeniedException;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import dev.warden.catalog.state.AuditLog;
import dev.warden.catalog.state.StateException;
import dev.warden.manager.lifecycle.Lifecycle;
import dev.warden.manager.runtime.CapabilityAudit;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One plugin's capability uses, written to the audit log as {@code capability} entries (plugin, kind,
 * canonical target, decision). Denials are counted; at the limit the plugin is quarantined, and from then
 * on every use is refused here, before the capability acts, even one its grants would allow. A use that
 * cannot be written to the log does not happen either.
 */
public final class AuditTrail implements CapabilityAudit {


    private final PluginId plugin;
    private final AuditLog log;
    private final Clock clock;
    private final DenialWatch denials;
    private final Consumer<String> quarantine;
    private final AtomicBoolean quarantined = new AtomicBoolean();
    private final Map<String, Object> extra;

    /**
     * @param quarantine called once, with the reason, when the denials reach the limit
     */
    AuditTrail(PluginId plugin, AuditLog log, Clock clock, DenialWatch denials, Consumer<String> quarantine) {
        this(plugin, log, clock, denials, quarantine, Map.of());
    }

    private AuditTrail(PluginId plugin, AuditLog log, Clock clock, DenialWatch denials, Consumer<String> quarantine,
                       Map<String, Object> extra) {
        this.extra = Map.copyOf(extra);
        this.plugin = plugin;
        this.log = log;
        this.clock = clock;
        this.denials = denials;
        this.quarantine = quarantine;
    }

    /**
     * The audit trail of one external MCP server of a plugin (its connections through the egress proxy): each entry
     * names the server; denials count toward the plugin's quarantine, together with those of its other servers.
     *
     * @param denials the plugin's count of denials, shared by its servers
     */
    public static AuditTrail ofServer(Lifecycle lifecycle, PluginId plugin, String server, Denials denials) {
        return new AuditTrail(plugin, lifecycle.audit(), lifecycle.clock(), denials.watch,
                reason -> Quarantine.of(lifecycle, plugin, reason + " by its MCP server '" + server + "'"),
                Map.of("server", server));
    }

    /** One plugin's count of denied capability uses, shared by the audit trails of its MCP servers. */
    public static final class Denials {
        private final DenialWatch watch = new DenialWatch(DenialWatch.DEFAULT_LIMIT, DenialWatch.DEFAULT_WINDOW);
    }

    boolean quarantined() {
        return quarantined.get();
    }

    @Override
    public void record(PermissionKind kind, String target, boolean allowed, String detail) {
        boolean refused = allowed && quarantined.get();
        write(kind, target, allowed && !refused, refused ? "refused: the plugin is quarantined" : detail);
        if (refused) {
            throw new PermissionDeniedException(kind.id(), target);
        }
        if (!allowed && denials.deniedAt(clock.instant()) && quarantined.compareAndSet(false, true)) {
            quarantine.accept(denials.limit() + " denied capability uses within " + denials.window().toSeconds() + " s");
        }
    }

    private void write(PermissionKind kind, String target, boolean allowed, String detail) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind.id());
        details.put("target", target);
        details.put("decision", allowed ? "allowed" : "denied");
        details.put("detail", detail);
        details.putAll(extra);
        try {
            log.append(AuditEvent.CAPABILITY, Optional.of(plugin), details, clock.instant());
        } catch (StateException e) {
            throw new IllegalStateException("Warden could not write the audit log, so the " + kind.id()
                    + " use was not carried out: " + e.getMessage(), e);
        }
    }
}
