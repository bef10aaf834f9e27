package dev.warden.manager.runtime;

import dev.warden.api.PermissionDeniedException;
import dev.warden.api.capability.CapabilityException;
import dev.warden.api.capability.Exec;
import dev.warden.catalog.manifest.Permission;
import dev.warden.catalog.manifest.PermissionKind;
import dev.warden.manager.home.ProtectedState;
import dev.warden.manager.sandbox.ExecSandbox;
import dev.warden.manager.sandbox.IsolationSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Exec} capability: runs only the programs {@code process.exec} grants, with arguments
 * their pattern allows ({@link ArgumentPattern}), in a scrubbed environment, under a timeout.
 *
 * <p>The checks, in order, each refusal audited and thrown as {@link PermissionDeniedException}:
 * <ol>
 *   <li>the program must be an absolute path, equal to a granted one character for character: no
 *       {@code PATH} lookup, no relative names, no {@code ..}; only the grant {@code *} allows any
 *       absolute path; no NUL byte in the program or an argument (the OS would cut the string there);</li>
 *   <li>the arguments must match the pattern of one grant of that program, if it has one;</li>
 *   <li>the program's real path (links resolved) must be the one it had when this capability was
 *       made, that is when the plugin was loaded under its grants: a link swapped to another binary
 *       since is refused. A program that did not exist then must not be a link. (Under the grant
 *       {@code *} nothing is fixed.)</li>
 * </ol>
 *
 * <p>Warden's own state ({@link PluginRoots#wardenState()}) is refused as a program, as the working folder, and
 * in an argument that names it or a folder holding it, also under the grant {@code *}; a program that finds its own
 * way there (an interpreter's script) is beyond what the arguments show, which is why interpreters rate highest.
 *
 * <p>The program runs in the workspace folder with the {@link ScrubbedEnvironment}, built from
 * nothing: {@code PATH}, {@code LANG}, {@code LC_ALL}, and {@code HOME} as the plugin's data folder.
 * {@code env.read} grants are for the plugin's own reads and do not reach programs.
 *
 * <p>Where bubblewrap works ({@link IsolationSupport}), the program runs in an {@link ExecSandbox}: it sees the
 * system, the plugin's {@code fs.read} and {@code fs.write} folders and nothing else, so a script cannot find its own
 * way into Warden's state or the person's files, and it has no network. Elsewhere it runs with the person's rights,
 * and the audit entry of each run says so and why.
 *
 * <p>Standard output and standard error are read as the program writes them; each keeps its first
 * {@link ExecLimits#maxOutputBytes} bytes (cut at a character boundary) and drops the rest, and a cut
 * is told in a last line of standard error. At the timeout the program and every process it started
 * are killed, and the result says {@code timedOut}. Processes it left running in the background and
 * that outlive it are not tracked without a sandbox; in one, they end with it.
 *
 * <p>Each run is one audit entry, made before the program starts: the program path as target and,
 * as detail, the number of arguments and input bytes, the timeout, and whether it runs sandboxed. Argument values are never
 * audited, because plugins pass data in them (file contents, messages, tokens).
 *
 * <p>Thread-safe: an instance holds only immutable configuration; each run has its own threads.
 */
final class GrantedExec implements Exec {

    private static final long KILL_WAIT_MILLIS = 2_000;
    private static final Path PROC = Path.of("/proc");
    private static final int PATH_MAX = 4096;
    private static final Set<String> PROC_LINKS = Set.of("cwd", "root", "fd", "map_files", "exe");
    private static final long READ_GRACE_MILLIS = 1_000;

    /** One {@code process.exec} grant: a program, with or without an argument pattern. */
    private record Grant(String program, Optional<ArgumentPattern> arguments) {
        boolean allows(List<String> args) {
            return arguments.isEmpty() || arguments.get().matches(args);
        }
    }

    private final List<Grant> grants = new ArrayList<>();
    private final boolean anyProgram;
    private final Map<String, Path> realPaths = new HashMap<>();
    private final PluginRoots roots;
    private final CapabilityAudit audit;
    private final ExecLimits limits;
    private final Optional<ExecSandbox> sandbox;
    private final String unsandboxedReason;

    /**
     * As {@link #GrantedExec(List, PluginRoots, CapabilityAudit, ExecLimits, IsolationSupport)} with what this machine
     * supports, probed once per run of Warden.
     */
    GrantedExec(List<Permission> effective, PluginRoots roots, CapabilityAudit audit, ExecLimits limits) {
        this(effective, roots, audit, limits, IsolationSupport.here());
    }

    /**
     * @param effective the plugin's effective permissions: {@code process.exec} says what may run, {@code fs.*} what a
     *                  sandboxed program sees
     * @param roots     the workspace (working folder) and plugin data folder ({@code HOME})
     * @param audit     where every run is reported
     * @param limits    output and time limits
     * @param support   whether programs run under bubblewrap (its {@code bwrap}) or, with the reason, without
     */
    GrantedExec(List<Permission> effective, PluginRoots roots, CapabilityAudit audit, ExecLimits limits,
                IsolationSupport support) {
        boolean any = false;
        for (Permission permission : effective) {
            if (permission.kind() != PermissionKind.PROCESS_EXEC) {
                continue;
            }
            String scope = permission.scope();
            if (scope.equals("*")) {
                any = true;
                continue;
            }
            int space = scope.indexOf(' ');
            String program = space < 0 ? scope : scope.substring(0, space);
            grants.add(new Grant(program, space < 0 ? Optional.empty()
                    : Optional.of(ArgumentPattern.parse(scope.substring(space + 1)))));
            realPaths.put(program, realPath(program).orElse(Path.of(program)));
        }
        this.anyProgram = any;
        this.roots = Objects.requireNonNull(roots, "roots");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sandbox = support.bwrap().map(bwrap -> new ExecSandbox(bwrap, effective, roots));
        this.unsandboxedReason = support.reason();
    }

    @Override
    public Exec.Result run(Exec.Request request) throws CapabilityException {
        Objects.requireNonNull(request, "request");
        String program = request.program();
        List<String> args = request.args();
        String target = PluginInput.shown(program);
        check(program, args, target);

        Duration timeout = request.timeout().compareTo(limits.maxTimeout()) < 0 ? request.timeout() : limits.maxTimeout();
        byte[] stdin = request.stdin();
        audit.record(PermissionKind.PROCESS_EXEC, target, true, "runs with " + args.size() + " argument"
                + (args.size() == 1 ? "" : "s") + ", " + stdin.length + " bytes of input, timeout "
                + timeout.toMillis() + " ms, " + (sandbox.isPresent() ? "sandboxed (bubblewrap)"
                : "NOT sandboxed, with the person's rights: " + unsandboxedReason));

        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(program);
        command.addAll(args);
        Process process;
        try {
            process = builder(command).start();
        } catch (IOException | IllegalArgumentException e) {
            throw new CapabilityException("could not start " + target + ": " + e.getMessage(), e);
        }
        Capture out = Capture.start(process.getInputStream(), limits.maxOutputBytes(), "stdout");
        Capture err = Capture.start(process.getErrorStream(), limits.maxOutputBytes(), "stderr");
        feed(process.getOutputStream(), stdin);
        try {
            boolean finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            out.await(READ_GRACE_MILLIS);
            err.await(READ_GRACE_MILLIS);
            String stderr = err.text() + out.note("standard output") + err.note("standard error");
            return new Exec.Result(process.isAlive() ? -1 : process.exitValue(), out.text(), stderr, !finished);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new CapabilityException("interrupted while " + target + " ran; it was killed", e);
        }
    }

    /** The program in its sandbox, or as it is where there is none, in the workspace with the scrubbed environment. */
    private ProcessBuilder builder(List<String> command) {
        if (sandbox.isPresent()) {
            return sandbox.get().builder(command);
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(roots.workspace().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(ScrubbedEnvironment.of(roots));
        return builder;
    }

    /** The checks of the class javadoc; audits and throws on the first that fails. */
    private void check(String program, List<String> args, String target) {
        if (!program.startsWith("/")) {
            throw deny(target, "not an absolute path; Warden runs granted absolute paths only, never through PATH");
        }
        if (program.indexOf('\0') >= 0 || args.stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw deny(target, "a NUL byte in the program or an argument");
        }
        checkWardenState(program, args, target);
        if (anyProgram) {
            return;
        }
        List<Grant> named = grants.stream().filter(g -> g.program.equals(program)).toList();
        if (named.isEmpty()) {
            throw deny(target, "no process.exec grant names this program");
        }
        if (named.stream().noneMatch(g -> g.allows(args))) {
            throw deny(target, "its " + args.size() + " arguments do not match the granted pattern "
                    + String.join(" or ", named.stream().map(g -> "'" + g.arguments.orElseThrow() + "'").toList()));
        }
        Path fixed = realPaths.get(program);
        Optional<Path> now = realPath(program);
        if (now.isPresent() && !now.get().equals(fixed)) {
            throw deny(target, "it now leads to " + now.get() + ", not to " + fixed + " as when the plugin was loaded");
        }
    }

    /**
     * A program runs with the person's rights, so Warden cannot stop it from opening what it likes; what it can stop
     * is being the one that points it at Warden's own state: the program itself, an argument that names the state or
     * a folder holding it (a recursive search or archive of it), and a working folder inside it.
     */
    private void checkWardenState(String program, List<String> args, String target) {
        ProtectedState state = roots.wardenState();
        Path path = Path.of(program);
        if (state.reaches(path) || realPath(program).filter(state::contains).isPresent()) {
            throw deny(target, "it lies in Warden's own state, which no grant reaches");
        }
        if (state.reaches(roots.workspace())) {
            throw deny(target, "the workspace, where it would run, lies in Warden's own state");
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            for (String named : eq < 0 ? List.of(arg) : List.of(arg, arg.substring(eq + 1))) {
                if (named.isEmpty() || named.length() > PATH_MAX) {
                    // no program can open a path longer than the kernel's limit; such arguments are data
                    continue;
                }
                Path p = roots.workspace().resolve(named).normalize();
                if (p.startsWith(PROC) && p.getNameCount() > 2 && PROC_LINKS.contains(p.getName(2).toString())) {
                    // resolved here these name Warden's own process, not the program's: where they lead is not knowable
                    throw deny(target, "argument " + (i + 1) + " names a /proc link, which could lead into Warden's own state");
                }
                if (state.reaches(p) || !state.below(p).isEmpty() || !state.below(ProtectedState.realPathOf(p)).isEmpty()) {
                    throw deny(target, "argument " + (i + 1) + " names Warden's own state or a folder that holds it");
                }
            }
        }
    }

    private PermissionDeniedException deny(String target, String why) {
        audit.record(PermissionKind.PROCESS_EXEC, target, false, why);
        return new PermissionDeniedException(PermissionKind.PROCESS_EXEC.id(), target);
    }

    private static Optional<Path> realPath(String program) {
        try {
            return Optional.of(Path.of(program).toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the input from its own thread, so a program that does not read it cannot block the run. */
    private static void feed(OutputStream stdin, byte[] bytes) {
        Thread feeder = new Thread(() -> {
            try (stdin) {
                stdin.write(bytes);
            } catch (IOException e) {
                // the program ended or closed its input without reading all of it: that is its choice
            }
        }, "warden-exec-stdin");
        feeder.setDaemon(true);
        feeder.start();
    }

    /** Kills the process and every process it started that is still its descendant. */
    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads one output stream to its end from its own thread, keeping the first {@code max} bytes. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;
        private Thread thread;

        private Capture(InputStream in, int max) {
            this.in = in;
            this.max = max;
        }

        static Capture start(InputStream in, int max, String name) {
            Capture capture = new Capture(in, max);
            capture.thread = new Thread(capture, "warden-exec-" + name);
            capture.thread.setDaemon(true);
            capture.thread.start();
            return capture;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (this) {
                        int keep = (int) Math.min(n, max - kept.size());
                        kept.write(buffer, 0, Math.max(keep, 0));
                        total += n;
                    }
                }
            } catch (IOException e) {
                // the stream was closed under the reader: what was read is kept
            }
        }

        /** Waits for the end of the stream; a process that escaped the kill and holds it open is not waited for longer. */
        void await(long millis) throws InterruptedException {
            thread.join(millis);
        }

        synchronized String text() {
            byte[] bytes = kept.toByteArray();
            return new String(bytes, 0, total > max ? completeLength(bytes) : bytes.length, StandardCharsets.UTF_8);
        }

        synchronized String note(String stream) {
            return total > max ? "\n[warden: " + stream + " cut at " + max + " bytes]" : "";
        }

        /** The length of the bytes without a UTF-8 character cut in the middle at their end. */
        private static int completeLength(byte[] bytes) {
            for (int back = 1; back <= Math.min(4, bytes.length); back++) {
                int b = bytes[bytes.length - back] & 0xff;
                if ((b & 0xc0) != 0x80) {
                    int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
                    return needed > back ? bytes.length - back : bytes.length;
                }
            }
            return bytes.length;
        }
    }
}
