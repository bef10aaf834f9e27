package dev.warden.manager.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real programs under bwrap and prlimit: past their memory, CPU time or wall clock they are stopped,
 * and when killed, or when Warden ends, nothing of them is left. Skipped, with the reason printed,
 * only on a machine where bwrap cannot make a sandbox or prlimit is missing.
 */
class SandboxedProcessTest {

    static final long MIB = 1024 * 1024;
    static final Duration PATIENCE = Duration.ofSeconds(4);

    static Path bwrap;

    @TempDir
    Path temp;

    @BeforeAll
    static void needsBwrapAndPrlimit() {
        IsolationSupport isolation = IsolationSupport.here();
        LimitSupport limits = LimitSupport.here();
        String why = isolation.bwrap().isEmpty() ? isolation.reason() : limits.reason();
        boolean usable = isolation.bwrap().isPresent() && limits.prlimit().isPresent();
        if (!usable) {
            System.out.println("SandboxedProcessTest skipped: " + why);
        }
        Assumptions.assumeTrue(usable, why);
        bwrap = isolation.bwrap().get();
    }

    SandboxedProcess start(ProcessLimits limits, String... command) throws IOException {
        return SandboxedProcess.start(SandboxFolders.in(temp).sandbox(bwrap, List.of()), limits, List.of(command));
    }

    /** @return a process below the sandbox's bwrap running {@code program}, once it is there (within {@link #PATIENCE}) */
    static ProcessHandle awaitDescendant(SandboxedProcess process, String program) throws InterruptedException {
        return awaitDescendants(process, program, 1).get(0);
    }

    static List<ProcessHandle> awaitDescendants(SandboxedProcess process, String program, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<ProcessHandle> found = process.toHandle().descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/" + program)).orElse(false)).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " " + program + " not started in the sandbox; stderr: " + process.stderr());
            }
            Thread.sleep(20);
        }
    }

    static boolean goneWithin(ProcessHandle handle, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (handle.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !handle.isAlive();
    }

    @Test
    void anAllocationPastTheMemoryLimitFails() throws Exception {
        ProcessLimits limits = ProcessLimits.none().withMemoryBytes(128 * MIB);
        // tail keeps a line whole until its end, and a stream of zero bytes has none
        String keep = "head -c %dM /dev/zero | tail > /dev/null";

        try (SandboxedProcess small = start(limits, "/bin/sh", "-c", keep.formatted(32));
                SandboxedProcess large = start(limits, "/bin/sh", "-c", keep.formatted(300))) {
            assertThat(small.awaitOrKill(PATIENCE)).as(small.stderr()).isEqualTo(new SandboxedProcess.Outcome(0, false));
            SandboxedProcess.Outcome outcome = large.awaitOrKill(PATIENCE);

            assertThat(outcome.exitCode()).isNotZero();
            assertThat(outcome.timedOut()).isFalse();
            assertThat(large.stderr()).contains("memory exhausted");
        }
    }

    @Test
    void aBusyLoopIsKilledAtItsCpuTime() throws Exception {
        // A second of CPU time can take many seconds of wall time on a busy machine: the wall-clock limit here is
        // only a backstop, far beyond it, so the outcome says which limit ended the loop whatever the load.
        Duration backstop = Duration.ofMinutes(2);
        try (SandboxedProcess loop = start(ProcessLimits.none().withCpuSeconds(1), "/bin/sh", "-c", "while :; do :; done")) {
            SandboxedProcess.Outcome outcome = loop.awaitOrKill(backstop);

            assertThat(outcome).isEqualTo(new SandboxedProcess.Outcome(137, false));
        }
    }

    @Test
    void aProgramPastItsWallClockIsKilledWithEverythingItStarted() throws Exception {
        try (SandboxedProcess sleeper = start(ProcessLimits.none(), "/bin/sh", "-c", "sleep 60 & sleep 60")) {
            List<ProcessHandle> sleeps = awaitDescendants(sleeper, "sleep", 2);
            List<ProcessHandle> tree = sleeper.toHandle().descendants().toList();

            SandboxedProcess.Outcome outcome = sleeper.awaitOrKill(Duration.ofMillis(200));

            assertThat(outcome.timedOut()).isTrue();
            assertThat(outcome.exitCode()).isEqualTo(137);
            assertThat(sleeps).hasSize(2);
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(sleeper.toHandle().isAlive()).isFalse();
        }
    }

    @Test
    void closeKillsTheProgramAndItsChildren() throws Exception {
        SandboxedProcess sleeper = start(ProcessLimits.none(), "/bin/sh", "-c", "sleep 60 & sleep 60");
        List<ProcessHandle> sleeps = awaitDescendants(sleeper, "sleep", 2);

        sleeper.close();

        assertThat(sleeps).noneMatch(ProcessHandle::isAlive);
        assertThat(sleeper.toHandle().isAlive()).isFalse();
    }

    @Test
    void theCallerTalksToTheProgramThroughItsStdinAndStdout() throws Exception {
        try (SandboxedProcess cat = start(ProcessLimits.none(), "cat")) {
            cat.stdin().write("{\"jsonrpc\":\"2.0\"}\n".getBytes(StandardCharsets.UTF_8));
            cat.stdin().close();

            String echoed = new String(cat.stdout().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(echoed).isEqualTo("{\"jsonrpc\":\"2.0\"}\n");
            assertThat(cat.awaitOrKill(PATIENCE)).isEqualTo(new SandboxedProcess.Outcome(0, false));
        }
    }

    @Test
    void aChattyStderrDoesNotBlockTheProgramAndItsEndIsKept() throws Exception {
        try (SandboxedProcess chatty = start(ProcessLimits.none(), "/bin/sh", "-c",
                "head -c 4M /dev/zero | tr '\\0' x >&2; echo the-end >&2")) {
            assertThat(chatty.awaitOrKill(PATIENCE)).isEqualTo(new SandboxedProcess.Outcome(0, false));

            String kept = chatty.stderr();
            assertThat(kept.length()).isEqualTo(SandboxedProcess.STDERR_KEPT);
            assertThat(kept.substring(kept.length() - 12)).isEqualTo("xxxxthe-end\n");
        }
    }

    @Test
    void aProgramStartedFromAThreadThatEndsKeepsRunning() throws Exception {
        AtomicReference<SandboxedProcess> started = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                started.set(start(ProcessLimits.none(), "sleep", "60"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        starter.join();

        try (SandboxedProcess sleep = started.get()) {
            // --die-with-parent would have killed it with the starting thread, had it not been started on the launcher
            Thread.sleep(300);
            assertThat(sleep.toHandle().isAlive()).as(sleep.stderr()).isTrue();
        }
    }

    @Test
    void theSandboxEndsWhenWardenExitsWithoutClosingIt() throws Exception {
        assertTheSandboxDiesWithAParentThat("exit");
    }

    @Test
    void theSandboxEndsWhenWardenIsKilled() throws Exception {
        assertTheSandboxDiesWithAParentThat("wait");
    }

    private void assertTheSandboxDiesWithAParentThat(String ends) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SandboxParentMain.class.getName(), temp.toString(), ends).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("the pid of the sandboxed sleep").isNotNull().containsOnlyDigits();
            Optional<ProcessHandle> sleep = ProcessHandle.of(Long.parseLong(line));
            assertThat(sleep).as("the sandboxed sleep before its parent ends").isPresent();

            if (ends.equals("wait")) {
                parent.destroyForcibly();
            }
            assertThat(parent.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(goneWithin(sleep.get(), PATIENCE)).as("the sandboxed sleep is gone").isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }
}
