package dev.warden.io;

import java.util.Objects;

/** Thrown by {@link StrictJson#read} at the first problem; the caller words it for its own reader. */
public final class StrictJsonException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient JsonProblem problem;

    StrictJsonException(JsonProblem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = Objects.requireNonNull(problem);
    }

    /** @return what was refused and where */
    public JsonProblem problem() {
        return problem;
    }
}
