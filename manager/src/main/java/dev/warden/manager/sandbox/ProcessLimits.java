package dev.warden.manager.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The kernel resource limits ({@code setrlimit}) a sandboxed program starts under, set by
 * {@code prlimit} around {@code bwrap} and inherited by everything the program starts.
 *
 * <ul>
 *   <li>memory: {@code RLIMIT_DATA}, the program's private writable memory (heap, {@code brk} and
 *       anonymous {@code mmap}); an allocation past it fails. Not {@code RLIMIT_AS}: a JVM reserves
 *       gigabytes of address space it never touches (class space, code cache), so an address-space
 *       limit small enough to matter stops {@code java} from starting. For a Java program the caller
 *       also passes an {@code -Xmx} below this limit, so the heap fails as an {@code OutOfMemoryError}
 *       before the kernel refuses memory;</li>
 *   <li>CPU time: {@code RLIMIT_CPU}, soft and hard alike, so a program past it is killed by
 *       {@code SIGKILL} (exit 137 through {@code bwrap}).</li>
 * </ul>
 * Both count per process: each process of the sandbox has the whole budget. A count of processes
 * ({@code RLIMIT_NPROC}) is not set: the kernel counts it per user across the machine and does not
 * apply it to root. What bounds the tree instead is that it lives in its own PID namespace, which
 * {@link SandboxedProcess} kills as a whole.
 *
 * @param memoryBytes the most private writable memory each process may hold, when limited
 * @param cpuSeconds  the most CPU time each process may use, when limited
 */
record ProcessLimits(OptionalLong memoryBytes, OptionalLong cpuSeconds) {

    ProcessLimits {
        memoryBytes.ifPresent(b -> positive(b, "memoryBytes"));
        cpuSeconds.ifPresent(s -> positive(s, "cpuSeconds"));
    }

    /** @return no limits: the program runs with those Warden runs with */
    static ProcessLimits none() {
        return new ProcessLimits(OptionalLong.empty(), OptionalLong.empty());
    }

    /** @return these limits with each process's private writable memory at most {@code bytes} */
    ProcessLimits withMemoryBytes(long bytes) {
        return new ProcessLimits(OptionalLong.of(bytes), cpuSeconds);
    }

    /** @return these limits with each process's CPU time at most {@code seconds} */
    ProcessLimits withCpuSeconds(long seconds) {
        return new ProcessLimits(memoryBytes, OptionalLong.of(seconds));
    }

    /** @return true when no limit is set, so no {@code prlimit} is needed */
    boolean isNone() {
        return memoryBytes.isEmpty() && cpuSeconds.isEmpty();
    }

    /** @return the {@code prlimit} command line that sets these limits and runs {@code command}; {@code command} when none */
    List<String> wrap(String prlimit, List<String> command) {
        if (isNone()) {
            return command;
        }
        List<String> args = new ArrayList<>();
        args.add(prlimit);
        memoryBytes.ifPresent(b -> args.add("--data=" + b));
        cpuSeconds.ifPresent(s -> args.add("--cpu=" + s));
        args.add("--");
        args.addAll(command);
        return List.copyOf(args);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}
