package dev.warden.manager.gateway;

import dev.warden.manager.sandbox.IsolatedProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The running program of one external MCP server, as {@link ExternalServer} needs it: its standard streams, what
 * it last said on standard error, whether it still runs, and a way to stop it with everything it started. Either a
 * plain process ({@link #plain}, where the machine offers no sandbox) or a sandboxed one ({@link #isolated}).
 */
interface ServerProcess {

    /** @return the program's standard input */
    OutputStream stdin();

    /** @return the program's standard output */
    InputStream stdout();

    /** @return the exit code once it ended; empty while it runs */
    OptionalInt exitCode();

    /** @return at most {@code count} of the last lines it wrote to standard error, oldest first */
    List<String> lastErrorLines(int count);

    /**
     * Stops it, its input being closed already: waits {@code grace} for it to exit, then ends it and every process
     * it started. Returns once they are gone, or as sure of it as the platform lets it be.
     */
    void stop(Duration grace);

    /** @return a plain process, its standard error read all the time on a daemon thread named {@code threadName} */
    static ServerProcess plain(Process process, String threadName) {
        return new Plain(process, threadName);
    }

    /** @return a program running in its plugin's sandbox */
    static ServerProcess isolated(IsolatedProgram program) {
        return new Isolated(program);
    }

    /** A process started without a sandbox: SIGTERM, then SIGKILL for it and each descendant it had. */
    final class Plain implements ServerProcess {
        private final Process process;
        private final Deque<String> errors = new ArrayDeque<>();

        Plain(Process process, String threadName) {
            this.process = process;
            Thread drain = new Thread(() -> {
                try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = err.readLine(); line != null; line = err.readLine()) {
                        synchronized (errors) {
                            if (errors.size() == 20) {
                                errors.removeFirst();
                            }
                            errors.addLast(line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended; what it said is kept
                }
            }, threadName);
            drain.setDaemon(true);
            drain.start();
        }

        @Override
        public OutputStream stdin() {
            return process.getOutputStream();
        }

        @Override
        public InputStream stdout() {
            return process.getInputStream();
        }

        @Override
        public OptionalInt exitCode() {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public List<String> lastErrorLines(int count) {
            synchronized (errors) {
                List<String> all = List.copyOf(errors);
                return all.subList(Math.max(0, all.size() - count), all.size());
            }
        }

        @Override
        public void stop(Duration grace) {
            List<ProcessHandle> descendants = process.descendants().toList();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroy();
                    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** A sandboxed program: after the grace, the whole sandbox is killed ({@link IsolatedProgram#close()}). */
    final class Isolated implements ServerProcess {
        private final IsolatedProgram program;

        Isolated(IsolatedProgram program) {
            this.program = program;
        }

        @Override
        public OutputStream stdin() {
            return program.stdin();
        }

        @Override
        public InputStream stdout() {
            return program.stdout();
        }

        @Override
        public OptionalInt exitCode() {
            return program.exitCode();
        }

        @Override
        public List<String> lastErrorLines(int count) {
            List<String> lines = Arrays.stream(program.stderr().split("\n")).filter(l -> !l.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        }

        @Override
        public void stop(Duration grace) {
            try {
                ProcessHandle.of(program.pid()).ifPresent(bwrap -> {
                    try {
                        bwrap.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // still running after the grace: killed below
                    }
                });
            } finally {
                program.close();
            }
        }
    }
}
