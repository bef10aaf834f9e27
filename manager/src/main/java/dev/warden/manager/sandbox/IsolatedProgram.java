package dev.warden.manager.sandbox;

import dev.warden.catalog.manifest.Permission;
import dev.warden.manager.runtime.PluginRoots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A program that runs for a plugin for a while and talks over its standard streams, started in the plugin's sandbox
 * (DESIGN 6.5): an external MCP server, with the plugin's {@link EgressOpening} as its only way out through
 * {@link EgressRelay} (the program is the relay's child); or Warden's own plugin host JVM, which needs no relay.
 * What it may reach is {@link #mounted()}. Closing it kills the whole sandbox; the egress opening is the caller's to
 * close. Thread-safe.
 */
public final class IsolatedProgram implements AutoCloseable {

    /**
     * What to run, and with what.
     *
     * @param bwrap         the {@code bwrap} to run ({@link IsolationSupport#bwrap()})
     * @param effective     the plugin's effective permissions; {@code fs.read} and {@code fs.write} open folders
     * @param roots         what {@code ${workspace}}, {@code ${plugin_data}} and {@code ${home}} stand for
     * @param installFolder the plugin's installed files, read-only
     * @param ownFolder     the program's writable folder and working folder (an MCP server's: the plugin's data folder)
     * @param program       the program's absolute path; mounted read-only when no system mount shows it
     * @param args          its arguments
     * @param environment   its whole environment, already scrubbed (it may hold the person's configured secrets)
     * @param memoryBytes   the most private writable memory each process may hold, when limited
     */
    public record Setup(Path bwrap, List<Permission> effective, PluginRoots roots, Path installFolder, Path ownFolder,
                        Path program, List<String> args, Map<String, String> environment, OptionalLong memoryBytes) {

        public Setup {
            Objects.requireNonNull(bwrap, "bwrap");
            effective = List.copyOf(effective);
            Objects.requireNonNull(roots, "roots");
            Objects.requireNonNull(installFolder, "installFolder");
            Objects.requireNonNull(ownFolder, "ownFolder");
            if (!program.isAbsolute()) {
                throw new IllegalArgumentException("the program must be an absolute path: " + program);
            }
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
            Objects.requireNonNull(memoryBytes, "memoryBytes");
        }
    }

    /**
     * Warden's plugin host JVM for one plugin.
     *
     * @param bwrap       the {@code bwrap} to run ({@link IsolationSupport#bwrap()})
     * @param effective   the plugin's effective permissions: its {@code fs.*} grants are mounted
     * @param roots       what {@code ${workspace}}, {@code ${plugin_data}} and {@code ${home}} stand for
     * @param install     the plugin's install folder, read-only
     * @param wardenFiles Warden's files the program needs (its jars), read-only
     * @param memoryBytes the most private writable memory each process may hold, when limited
     * @param egress      the plugin's way out, bound inside at {@link EgressOpening#INSIDE}; empty for no network at all
     */
    public record HostSetup(Path bwrap, List<Permission> effective, PluginRoots roots, Path install, List<Path> wardenFiles,
                            OptionalLong memoryBytes, Optional<EgressOpening> egress) {
        public HostSetup {
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
    private final List<String> mounted;

    private IsolatedProgram(SandboxedProcess process, List<String> mounted) {
        this.process = process;
        this.mounted = mounted;
    }

    /**
     * Starts the program in its sandbox; memory is limited where {@code prlimit} exists ({@link LimitSupport}), and
     * not elsewhere.
     *
     * @param egress the plugin's way out; its socket is bound inside, and the relay sends the program's proxy there
     * @return the running program
     * @throws IOException if {@code bwrap} cannot be started
     * @throws IllegalArgumentException if a folder or the program does not exist
     */
    public static IsolatedProgram start(Setup setup, EgressOpening egress) throws IOException {
        BubblewrapSandbox sandbox = sandbox(setup, egress);
        List<String> command = EgressRelay.command(EgressRelay.java(), EgressRelay.classes(), EgressOpening.INSIDE,
                programAndArgs(setup));
        return new IsolatedProgram(SandboxedProcess.start(sandbox, limits(setup.memoryBytes()), command), sandbox.mounted());
    }

    /**
     * Starts Warden's plugin host JVM in a plugin's sandbox; memory is limited where {@code prlimit} exists, and
     * elsewhere only by the JVM's own options.
     *
     * @param command the JVM's command line, its program the JDK's {@code java}, which the sandbox shows
     * @throws IOException if {@code bwrap} cannot be started
     */
    public static IsolatedProgram startHost(HostSetup setup, List<String> command) throws IOException {
        BubblewrapSandbox walls = new BubblewrapSandbox(setup.bwrap(), setup.effective(), setup.roots(), setup.install(),
                setup.wardenFiles());
        BubblewrapSandbox sandbox = setup.egress().map(e -> e.bindInto(walls)).orElse(walls);
        return new IsolatedProgram(SandboxedProcess.start(sandbox, limits(setup.memoryBytes()), command), sandbox.mounted());
    }

    private static ProcessLimits limits(OptionalLong memoryBytes) {
        // Without prlimit the program's own limits (a JVM's -Xmx) are all there is.
        if (memoryBytes.isPresent() && LimitSupport.here().prlimit().isPresent()) {
            return ProcessLimits.none().withMemoryBytes(memoryBytes.getAsLong());
        }
        return ProcessLimits.none();
    }

    /** The sandbox of {@link #start}: the plugin's, with the relay's classes, the program, its folder and socket. */
    static BubblewrapSandbox sandbox(Setup setup, EgressOpening egress) {
        BubblewrapSandbox sandbox = new BubblewrapSandbox(setup.bwrap(), setup.effective(), setup.roots(),
                setup.installFolder(), List.of(EgressRelay.classes()));
        return egress.bindInto(sandbox.withProgram(setup.program()).withOwnFolder(setup.ownFolder())
                .withEnvironment(setup.environment()));
    }

    private static List<String> programAndArgs(Setup setup) {
        List<String> words = new ArrayList<>();
        words.add(setup.program().toString());
        words.addAll(setup.args());
        return words;
    }

    /** @return one line per mount of the sandbox, as {@link BubblewrapSandbox#mounted()} writes them */
    public List<String> mounted() {
        return mounted;
    }

    /** @return the program's standard input */
    public OutputStream stdin() {
        return process.stdin();
    }

    /** @return the program's standard output */
    public InputStream stdout() {
        return process.stdout();
    }

    /** @return the end of what the sandbox wrote to standard error so far, as UTF-8 */
    public String stderr() {
        return process.stderr();
    }

    /** @return the exit code, once the sandbox ended; empty while it runs */
    public OptionalInt exitCode() {
        return process.exitCode();
    }

    /** @return completes with the exit code when the sandbox has ended and its last standard error is read */
    public CompletableFuture<Integer> onExit() {
        return process.onExit();
    }

    /** @return the process id of {@code bwrap} on the host, whose descendants are the sandbox's processes */
    public long pid() {
        return process.toHandle().pid();
    }

    /**
     * Kills every process of the sandbox, if still running, and waits until none is left.
     *
     * @throws IllegalStateException if a process is still there seconds after the kill
     */
    @Override
    public void close() {
        process.close();
    }
}
