package dev.warden.manager.host;

import dev.warden.catalog.manifest.PluginId;
import dev.warden.manager.runtime.CapabilityBroker;
import dev.warden.manager.runtime.PluginRoots;
import dev.warden.manager.runtime.Resolver;
import dev.warden.manager.sandbox.IsolationDecision;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a host runs each plugin (DESIGN 6.5): in Warden's own process, behind the bytecode check and the broker;
 * in a plugin host process of its own under bubblewrap; or not at all, when policy demands a sandbox this machine
 * cannot make.
 */
public final class Isolation {

    /** Where one plugin runs. */
    public sealed interface Placement permits InProcess, Sandboxed, Refused {
    }

    /** In Warden's process. */
    public record InProcess() implements Placement {
    }

    /** In a plugin host process under the {@code bwrap} given. */
    public record Sandboxed(Path bwrap) implements Placement {
        public Sandboxed {
            Objects.requireNonNull(bwrap, "bwrap");
        }
    }

    /** Not run, for the reason given (words for the person, with what to do). */
    public record Refused(String reason) implements Placement {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The heap of a plugin host process unless the caller says otherwise. */
    public static final long DEFAULT_HEAP_BYTES = 256L * 1024 * 1024;

    private static final Isolation IN_PROCESS = new Isolation(id -> new InProcess(), id -> {
        throw new IllegalStateException("no plugin runs in a sandbox");
    }, Resolver.system(), DEFAULT_HEAP_BYTES, false);

    private final Function<PluginId, Placement> placement;
    private final Function<PluginId, PluginRoots> roots;
    private final Resolver resolver;
    private final long heapBytes;
    private final boolean anyJdkClass;

    private Isolation(Function<PluginId, Placement> placement, Function<PluginId, PluginRoots> roots, Resolver resolver,
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
    public static Isolation of(Function<PluginId, Placement> placement, Function<PluginId, PluginRoots> roots,
                               Resolver resolver, long heapBytes) {
        return new Isolation(placement, roots, resolver, heapBytes, false);
    }

    /**
     * Places every plugin as one decision says (the machine's, the policy's and the person's, DESIGN 6.5).
     *
     * @param broker what sandboxed plugins' scopes stand for, and how their proxies look names up
     */
    public static Isolation of(IsolationDecision decision, CapabilityBroker broker) {
        Placement placement = switch (decision.verdict()) {
            case PROCESS -> new Sandboxed(decision.bwrap().orElseThrow());
            case IN_PROCESS -> new InProcess();
            case REFUSED -> new Refused(decision.reason());
        };
        return of(id -> placement, broker::rootsOf, broker.resolver(), DEFAULT_HEAP_BYTES);
    }

    /**
     * @return this isolation with sandboxed plugins allowed any JDK class: only tests, to show the sandbox alone holds
     *         code that got past the bytecode check
     */
    Isolation withAnyJdkClass() {
        return new Isolation(placement, roots, resolver, heapBytes, true);
    }

    Placement placementOf(PluginId id) {
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
