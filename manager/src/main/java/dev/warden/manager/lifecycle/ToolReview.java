package dev.warden.manager.lifecycle;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.catalog.state.AuditEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code warden review ID} for the tools of a plugin's MCP servers that changed, or appeared, since the person
 * approved them (DESIGN 6.4): shows what was approved and what the server shows now, and approves them (they are
 * offered again) or leaves them held.
 */
public final class ToolReview {

    private final Lifecycle lifecycle;
    private final PluginId id;
    private final PendingReview.Decision decision;

    public ToolReview(Lifecycle lifecycle, PluginId id, PendingReview.Decision decision) {
        this.lifecycle = lifecycle;
        this.id = id;
        this.decision = decision;
    }

    /** @return whether the plugin has tools held for review */
    public static boolean waiting(Lifecycle lifecycle, PluginId id) throws IOException {
        return !new ToolPins(lifecycle.store().home()).held(id).isEmpty();
    }

    /**
     * @return how many tools were approved; 0 if the person rejected them
     * @throws RefusalException if nothing waits, or nothing was decided and no person can be asked
     */
    public int run() throws Exception {
        // shown and decided without the lock (a person reading must not block other processes); applied
        // under it only if the held tools are still the ones shown
        List<ToolPins.Held> held = new ToolPins(lifecycle.store().home()).held(id);
        if (held.isEmpty()) {
            throw new RefusalException(id + " has no changed MCP server tool waiting for review");
        }
        lifecycle.consent().show(new Review.Tools(id, held));
        boolean approve = decision.orAsk(lifecycle.consent(), "Approve these tools of " + id + "?")
                == PendingReview.Decision.APPROVE;
        List<String> names = held.stream().map(h -> h.server() + "/" + h.tool()).toList();
        String command = "review tools of " + id;
        return lifecycle.change(command, state -> {
            ToolPins pins = new ToolPins(lifecycle.store().home());
            if (!pins.held(id).equals(held)) {
                lifecycle.record(AuditEvent.REVIEW_OUTDATED, Optional.of(id), Map.of("command", command,
                        "change", "the tools held for review changed"));
                throw new RefusalException("nothing was changed: the tools of " + id + " held for review changed while you"
                        + " were reading; run 'warden review " + id + "' again to see them as they are now");
            }
            if (approve) {
                int approved = pins.approveHeld(id);
                return Change.audited(AuditEvent.REVIEW_TOOLS_APPROVED, Optional.of(id), Map.of("tools", names), approved);
            }
            return Change.audited(AuditEvent.REVIEW_TOOLS_REJECTED, Optional.of(id), Map.of("tools", names), 0);
        });
    }
}
