package dev.warden.manager.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One program running under a {@link BubblewrapSandbox} with {@link ProcessLimits}, which Warden
 * keeps control of: it can wait for it with a wall-clock limit, and kill it with all it started.
 *
 * <p>The command line is {@code prlimit --data=.. --cpu=.. -- bwrap ... -- program}: {@code prlimit}
 * sets the limits on itself and becomes {@code bwrap}, so they reach every process of the sandbox.
 * The process Warden holds is {@code bwrap}; the program runs in a new PID namespace below it. Killing
 * {@code bwrap} kills the namespace's first process ({@code --die-with-parent}), and with it the kernel
 * kills every other process of the namespace; {@link #close()} also kills each process it saw in the
 * tree and waits until none is left.
 *
 * <p>{@code --die-with-parent} ties the sandbox to the <em>thread</em> that started {@code bwrap}: when
 * that thread ends, the sandbox is killed. So programs are started on one daemon thread that lives as
 * long as Warden, and the sandbox dies with Warden's process, however it ends, without a shutdown hook.
 *
 * <p>The program's standard input and output are the caller's ({@link #stdin()}, {@link #stdout()});
 * its standard error is read all the time on a thread of its own, so a chatty program never blocks,
 * and the last {@value #STDERR_KEPT} bytes are kept ({@link #stderr()}). Thread-safe.
 */
final class SandboxedProcess implements AutoCloseable {

    /** How much of the end of the program's standard error is kept. */
    static final int STDERR_KEPT = 64 * 1024;

    /** How long a kill may take to leave no process behind. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "warden-sandbox-launcher");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * How a run ended.
     *
     * @param exitCode the exit code {@code bwrap} gave: the program's, or 128 plus the signal that
     *                 killed it (137 for {@code SIGKILL}, as when past its CPU time or killed here)
     * @param timedOut true when the program was killed for running past its wall-clock limit
     */
    record Outcome(int exitCode, boolean timedOut) {
    }

    private final Process process;
    private final TailBuffer stderr = new TailBuffer(STDERR_KEPT);
    private final Thread stderrReader;
    private final List<ProcessHandle> seen = new ArrayList<>();

    private SandboxedProcess(Process process) {
        this.process = process;
        this.stderrReader = new Thread(this::drainStderr, "warden-sandbox-stderr-" + process.pid());
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * Starts a program.
     *
     * @param sandbox        the wall the program runs in
     * @param limits         the resource limits it starts under
     * @param programAndArgs the program (absolute, or found on the sandbox's {@code PATH}) and its arguments
     * @return the running program
     * @throws IOException if limits are asked for and this machine cannot set them ({@link LimitSupport}
     *                     says why), or if {@code bwrap} cannot be started
     * @throws IllegalArgumentException as {@link BubblewrapSandbox#command} does
     */
    static SandboxedProcess start(BubblewrapSandbox sandbox, ProcessLimits limits, List<String> programAndArgs)
            throws IOException {
        Objects.requireNonNull(limits, "limits");
        ProcessBuilder builder = sandbox.processBuilder(programAndArgs);
        if (!limits.isNone()) {
            LimitSupport support = LimitSupport.here();
            String prlimit = support.prlimit()
                    .orElseThrow(() -> new IOException("cannot limit the sandboxed program: " + support.reason()))
                    .toString();
            builder.command(limits.wrap(prlimit, builder.command()));
        }
        try {
            return new SandboxedProcess(LAUNCHER.submit(builder::start).get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("could not start " + builder.command().get(0) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while starting a sandboxed program");
        }
    }

    /** @return the program's standard input; closing it tells the program there is no more */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** @return the program's standard output */
    InputStream stdout() {
        return process.getInputStream();
    }

    /** @return the end of what the program wrote to standard error so far, at most {@value #STDERR_KEPT} bytes, as UTF-8 */
    String stderr() {
        return stderr.text();
    }

    /** @return completes with {@code bwrap}'s exit code when it has ended and its last standard error is read */
    CompletableFuture<Integer> onExit() {
        return process.onExit().thenApplyAsync(ended -> {
            try {
                stderrReader.join(KILL_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ended.exitValue();
        });
    }

    /** @return the exit code {@code bwrap} gave, once it ended; empty while it runs */
    java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** @return the handle of {@code bwrap}, whose descendants are the sandbox's processes */
    ProcessHandle toHandle() {
        return process.toHandle();
    }

    /**
     * Waits for the program to end, and kills it with all it started when it runs past {@code wallClock}.
     * Returns once no process of the sandbox is left.
     *
     * @return the exit code, and whether it was killed for its time
     * @throws InterruptedException if interrupted while waiting; the program is left running
     * @throws IllegalStateException if a process of the sandbox is still there {@link #KILL_WAIT} after the kill
     */
    Outcome awaitOrKill(Duration wallClock) throws InterruptedException {
        boolean ended = process.waitFor(Math.max(0, wallClock.toNanos()), TimeUnit.NANOSECONDS);
        if (!ended) {
            killTree();
        }
        stderrReader.join(KILL_WAIT.toMillis());
        return new Outcome(process.exitValue(), !ended);
    }

    /**
     * Kills the program and all it started, if still running, and waits until none is left.
     *
     * @throws IllegalStateException if a process of the sandbox is still there {@link #KILL_WAIT} after the kill
     */
    @Override
    public void close() {
        try {
            killTree();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void killTree() throws InterruptedException {
        // the tree is listed before the kill: once bwrap is gone its descendants can no longer be found
        process.descendants().forEach(seen::add);
        process.destroyForcibly();
        seen.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        for (ProcessHandle handle : seen) {
            while (handle.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        List<Long> left = seen.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (process.isAlive() || !left.isEmpty()) {
            throw new IllegalStateException("sandboxed processes still running " + KILL_WAIT.toSeconds()
                    + " s after the kill: " + (process.isAlive() ? "bwrap " + process.pid() + " " : "") + left);
        }
    }

    private void drainStderr() {
        byte[] chunk = new byte[8192];
        try (InputStream in = process.getErrorStream()) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                stderr.append(chunk, n);
            }
        } catch (IOException e) {
            // the stream is closed when the program is killed; what was read so far is kept
        }
    }

    /** The last {@code capacity} bytes written to it. */
    private static final class TailBuffer {
        private final byte[] bytes;
        private int size;

        TailBuffer(int capacity) {
            this.bytes = new byte[capacity];
        }

        synchronized void append(byte[] chunk, int length) {
            if (length >= bytes.length) {
                System.arraycopy(chunk, length - bytes.length, bytes, 0, bytes.length);
                size = bytes.length;
                return;
            }
            int drop = Math.max(0, size + length - bytes.length);
            System.arraycopy(bytes, drop, bytes, 0, size - drop);
            size -= drop;
            System.arraycopy(chunk, 0, bytes, size, length);
            size += length;
        }

        synchronized String text() {
            return new String(bytes, 0, size, StandardCharsets.UTF_8);
        }
    }
}
