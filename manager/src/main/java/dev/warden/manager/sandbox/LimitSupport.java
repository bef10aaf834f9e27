package dev.warden.manager.sandbox;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether this machine can put {@link ProcessLimits} on a sandboxed program, and why: it can when
 * util-linux's {@code prlimit} is on {@code PATH}.
 *
 * @param prlimit the {@code prlimit} to run, when there is one
 * @param reason  one line for the person: what was found, or why limits cannot be set
 */
record LimitSupport(Optional<Path> prlimit, String reason) {

    LimitSupport {
        Objects.requireNonNull(prlimit, "prlimit");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return what this machine supports; looked up once per run of Warden */
    static LimitSupport here() {
        return Found.HERE;
    }

    /** Looks for {@code prlimit} in the folders of a {@code PATH} value. */
    static LimitSupport detect(String pathVariable) {
        return IsolationSupport.onPath(pathVariable, "prlimit")
                .map(p -> new LimitSupport(Optional.of(p), "prlimit at " + p))
                .orElseGet(() -> new LimitSupport(Optional.empty(),
                        "no prlimit on PATH; install util-linux to limit a sandboxed program's memory and CPU time"));
    }

    private static final class Found {
        static final LimitSupport HERE = detect(System.getenv("PATH"));
    }
}
