package dev.warden.manager.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How one plugin runs, as {@link IsolationChoice} decided it: in its own process, in Warden's process, or
 * not at all, and why in one line for the person.
 *
 * @param verdict what was decided
 * @param bwrap   the bubblewrap to start the plugin host with, when the verdict is {@code PROCESS}
 * @param reason  why: the bubblewrap found, why process isolation is missing, or which policy rule refuses
 *                and what to do
 */
public record IsolationDecision(Verdict verdict, Optional<Path> bwrap, String reason) {

    /** What was decided. */
    public enum Verdict {
        /** In its own process under bubblewrap. */
        PROCESS("process"),
        /** In Warden's own process: bytecode checks and the broker only. */
        IN_PROCESS("in-process"),
        /** Not at all: the plugin stays installed, but running it is refused (exit 3). */
        REFUSED("refused");

        private final String id;

        Verdict(String id) {
            this.id = id;
        }

        /** @return {@code process}, {@code in-process} or {@code refused}, as listings print it */
        public String id() {
            return id;
        }
    }

    /** @throws IllegalArgumentException if a bwrap path comes without the PROCESS verdict or the other way round */
    public IsolationDecision {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(reason, "reason");
        if (bwrap.isPresent() != (verdict == Verdict.PROCESS)) {
            throw new IllegalArgumentException("a bwrap path goes with the PROCESS verdict, and only with it");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a decision says why");
        }
    }

    /** @return in its own process under {@code bwrap}, for the reason given */
    public static IsolationDecision process(Path bwrap, String reason) {
        return new IsolationDecision(Verdict.PROCESS, Optional.of(bwrap), reason);
    }

    /** @return in Warden's process, for the reason given */
    public static IsolationDecision inProcess(String reason) {
        return new IsolationDecision(Verdict.IN_PROCESS, Optional.empty(), reason);
    }

    /** @return not run, for the reason given (words for the person, with what to do) */
    public static IsolationDecision refused(String reason) {
        return new IsolationDecision(Verdict.REFUSED, Optional.empty(), reason);
    }

    /** @return the mode to run in ({@code PROCESS} or {@code IN_PROCESS}), or empty when running is refused */
    public Optional<Verdict> mode() {
        return refused() ? Optional.empty() : Optional.of(verdict);
    }

    /** @return whether running the plugin is refused */
    public boolean refused() {
        return verdict == Verdict.REFUSED;
    }

    /**
     * For a caller about to start the plugin.
     *
     * @return the mode to run in
     * @throws IsolationRefusedException with {@link #reason()} as its message, when running is refused
     */
    public Verdict require() throws IsolationRefusedException {
        return mode().orElseThrow(() -> new IsolationRefusedException(reason));
    }
}
