package dev.warden.manager.sandbox;

import dev.warden.api.manifest.Permission;
import dev.warden.manager.runtime.PluginRoots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * One of Warden's own programs (the plugin host process) running for one plugin under bubblewrap, with the
 * plugin's grants as the only openings in the wall and a memory limit (DESIGN 6.5). What it sees is
 * {@link BubblewrapSandbox}'s; how it is held and killed is {@link SandboxedProcess}'s. Thread-safe.
 */
public final class PluginSandbox implements AutoCloseable {

    /**
     * What a plugin's program runs with.
     *
     * @param bwrap       the working {@code bwrap} ({@link IsolationSupport#bwrap()})
     * @param effective   the plugin's effective permissions: its {@code fs.*} grants are mounted
     * @param roots       the folders the scopes' roots stand for
     * @param install     the plugin's install folder, mounted read-only
     * @param wardenFiles Warden's files the program needs (its jars), mounted read-only
     * @param memoryBytes the most private writable memory each process of the sandbox may have, where {@code prlimit}
     *                    can set it; empty for no limit
     * @param egress      the plugin's egress proxy, bound inside at {@link EgressOpening#INSIDE}: the sandbox's one
     *                    way to the network; empty for none at all
     */
    public record Spec(Path bwrap, List<Permission> effective, PluginRoots roots, Path install, List<Path> wardenFiles,
                       OptionalLong memoryBytes, Optional<EgressOpening> egress) {
        public Spec {
            Objects.requireNonNull(bwrap, "bwrap");
            effective = List.copyOf(effective);
            Objects.requireNonNull(roots, "roots");
            Objects.requireNonNull(install, "install");
            wardenFiles = List.copyOf(wardenFiles);
            Objects.requireNonNull(memoryBytes, "memoryBytes");
            Objects.requireNonNull(egress, "egress");
        }
    }

    private final SandboxedProcess process;
    private final List<String> skipped;

    private PluginSandbox(SandboxedProcess process, List<String> skipped) {
        this.process = process;
        this.skipped = skipped;
    }

    /**
     * Starts a program for a plugin.
     *
     * @param programAndArgs the program (absolute, or on the sandbox's {@code PATH}) and its arguments
     * @throws IOException if the sandbox cannot be started
     */
    public static PluginSandbox start(Spec spec, List<String> programAndArgs) throws IOException {
        BubblewrapSandbox walls = new BubblewrapSandbox(spec.bwrap(), spec.effective(), spec.roots(), spec.install(),
                spec.wardenFiles());
        BubblewrapSandbox sandbox = spec.egress().map(e -> e.bindInto(walls)).orElse(walls);
        ProcessLimits limits = ProcessLimits.none();
        // Without prlimit the program's own limits (a JVM's -Xmx) are all there is.
        if (spec.memoryBytes().isPresent() && LimitSupport.here().prlimit().isPresent()) {
            limits = limits.withMemoryBytes(spec.memoryBytes().getAsLong());
        }
        return new PluginSandbox(SandboxedProcess.start(sandbox, limits, programAndArgs), sandbox.skipped());
    }

    /** @return the program's standard input */
    public OutputStream stdin() {
        return process.stdin();
    }

    /** @return the program's standard output */
    public InputStream stdout() {
        return process.stdout();
    }

    /** @return the end of what the program wrote to standard error so far */
    public String stderr() {
        return process.stderr();
    }

    /** @return one line per granted folder that is not mounted, with why */
    public List<String> skipped() {
        return skipped;
    }

    /** @return completes with the exit code when the sandbox ends (128 plus the signal when killed) */
    public CompletableFuture<Integer> onExit() {
        return process.onExit();
    }

    /** Kills the program and everything it started, and waits until none is left. */
    @Override
    public void close() {
        process.close();
    }
}
