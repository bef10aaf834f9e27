package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.sandbox.IsolationDecision;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a host runs each plugin (DESIGN 6.5), as an {@link IsolationDecision}: in Warden's own process, behind the
 * bytecode check and the broker; in a plugin host process of its own under bubblewrap; or not at all, when policy
 * demands a sandbox this machine cannot make. With it, what a sandbox needs: the folders scopes stand for, the
 * egress proxies' name lookup, the heap of each process.
 */
public final class Isolation {

    /** The heap of a plugin host process unless the caller says otherwise. */
    public static final long DEFAULT_HEAP_BYTES = 256L * 1024 * 1024;

    private static final Isolation IN_PROCESS = new Isolation(id -> IsolationDecision.inProcess("asked for in-process"), id -> {
        throw new IllegalStateException("no plugin runs in a sandbox");
    }, Resolver.system(), DEFAULT_HEAP_BYTES, false);

    private final Function<PluginId, IsolationDecision> placement;
    private final Function<PluginId, PluginRoots> roots;
    private final Resolver resolver;
    private final long heapBytes;
    private final boolean anyJdkClass;

    private Isolation(Function<PluginId, IsolationDecision> placement, Function<PluginId, PluginRoots> roots, Resolver resolver,
                      long heapBytes, boolean anyJdkClass) {
        this.placement = Objects.requireNonNull(placement, "placement");
        this.roots = Objects.requireNonNull(roots, "roots");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.heapBytes = heapBytes;
        this.anyJdkClass = anyJdkClass;
    }

    /** @return every plugin in Warden's process */
    public static Isolation inProcess() {
        return IN_PROCESS;
    }

    /**
     * @param placement where each plugin runs
     * @param roots     the folders a sandboxed plugin's {@code fs.*} scopes stand for (the broker's)
     * @param resolver  the name lookup of each sandboxed plugin's egress proxy (the broker's)
     * @param heapBytes the heap of each plugin host process
     */
    public static Isolation of(Function<PluginId, IsolationDecision> placement, Function<PluginId, PluginRoots> roots,
                               Resolver resolver, long heapBytes) {
        return new Isolation(placement, roots, resolver, heapBytes, false);
    }

    /**
     * Places every plugin as one decision says (the machine's, the policy's and the person's, DESIGN 6.5).
     *
     * @param broker what sandboxed plugins' scopes stand for, and how their proxies look names up
     */
    public static Isolation of(IsolationDecision decision, CapabilityBroker broker) {
        return of(id -> decision, broker::rootsOf, broker.resolver(), DEFAULT_HEAP_BYTES);
    }

    /**
     * @return this isolation with sandboxed plugins allowed any JDK class: only tests, to show the sandbox alone holds
     *         code that got past the bytecode check
     */
    Isolation withAnyJdkClass() {
        return new Isolation(placement, roots, resolver, heapBytes, true);
    }

    IsolationDecision placementOf(PluginId id) {
        return placement.apply(id);
    }

    PluginRoots rootsOf(PluginId id) {
        return roots.apply(id);
    }

    Resolver resolver() {
        return resolver;
    }

    long heapBytes() {
        return heapBytes;
    }

    boolean anyJdkClass() {
        return anyJdkClass;
    }
}
