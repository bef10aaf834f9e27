package dev.warden.manager.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which isolation this machine offers, and why: {@link IsolationDecision.Verdict#PROCESS} when a {@code bwrap} on
 * {@code PATH} can actually make the namespaces the sandbox uses (some containers forbid them).
 *
 * @param mode   the strongest mode that works here
 * @param bwrap  the working {@code bwrap}, when the mode is {@code PROCESS}
 * @param reason one line for the person: what was found, or why process isolation is not available
 */
public record IsolationSupport(IsolationDecision.Verdict mode, Optional<Path> bwrap, String reason) {

    private static final long PROBE_SECONDS = 10;
    private static final int MAX_REASON_CHARS = 300;

    public IsolationSupport {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(reason, "reason");
        if (bwrap.isPresent() != (mode == IsolationDecision.Verdict.PROCESS)) {
            throw new IllegalArgumentException("a bwrap path goes with PROCESS mode, and only with it");
        }
        if (mode == IsolationDecision.Verdict.REFUSED) {
            throw new IllegalArgumentException("a machine offers PROCESS or IN_PROCESS, a refusal is a policy's");
        }
    }

    /** The file of a Warden home that remembers the answer of the last probe ({@link #here(Path)}). */
    public static final String REMEMBERED_FILE = "bwrap-probe.txt";

    private static IsolationSupport known;

    /** @return what this machine supports; probed once per run of Warden (a probe costs a process start) */
    public static synchronized IsolationSupport here() {
        if (known == null) {
            known = detect(System.getenv("PATH"));
        }
        return known;
    }

    /**
     * As {@link #here()}, but a probe's answer is also kept in {@code remembered} (an owner-only file, written when
     * its folder exists) and taken from there while the {@code bwrap} on {@code PATH} is the same file on the same
     * boot, so that most commands start no trial sandbox.
     *
     * @return what this machine supports; the same value for the rest of this run of Warden
     */
    public static synchronized IsolationSupport here(Path remembered) {
        if (known == null) {
            known = RememberedProbe.answer(remembered, System.getenv("PATH"));
        }
        return known;
    }

    /**
     * Looks for {@code bwrap} in the folders of a {@code PATH} value and runs {@code true} under the
     * namespaces and options the sandbox uses.
     */
    static IsolationSupport detect(String pathVariable) {
        Optional<Path> found = onPath(pathVariable, "bwrap");
        if (found.isEmpty()) {
            return inProcess("no bwrap on PATH; install bubblewrap for process isolation");
        }
        Path bwrap = found.get();
        List<String> probe = List.of(bwrap.toString(), "--ro-bind", "/", "/", "--unshare-all", "--new-session",
                "--die-with-parent", "--cap-drop", "ALL", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                "--clearenv", "--", "true");
        Path said = null;
        try {
            said = Files.createTempFile("warden-bwrap-probe", ".txt");
            ProcessBuilder builder = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(said.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            Process process = builder.start();
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return inProcess(bwrap + " did not finish a trial run in " + PROBE_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String message = new String(Files.readAllBytes(said), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
                if (message.length() > MAX_REASON_CHARS) {
                    message = message.substring(0, MAX_REASON_CHARS) + "...";
                }
                return inProcess(bwrap + " cannot make a sandbox here (exit " + process.exitValue()
                        + (message.isEmpty() ? "" : ": " + message) + ")");
            }
            return new IsolationSupport(IsolationDecision.Verdict.PROCESS, Optional.of(bwrap), "bubblewrap at " + bwrap);
        } catch (IOException e) {
            return inProcess(bwrap + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inProcess("interrupted while trying " + bwrap);
        } finally {
            if (said != null) {
                try {
                    Files.deleteIfExists(said);
                } catch (IOException e) {
                    // a leftover probe file in the temp folder holds no secret
                }
            }
        }
    }

    private static IsolationSupport inProcess(String reason) {
        return new IsolationSupport(IsolationDecision.Verdict.IN_PROCESS, Optional.empty(), reason);
    }

    /** @return the first executable {@code program} in the absolute folders of a {@code PATH} value, or empty */
    static Optional<Path> onPath(String pathVariable, String program) {
        for (String folder : (pathVariable == null ? "" : pathVariable).split(File.pathSeparator)) {
            if (folder.isEmpty() || !folder.startsWith("/")) {
                continue; // a relative PATH entry would make the sandbox depend on the current folder
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
