package dev.warden.io;

import java.util.Objects;

/**
 * Thrown by {@link StrictJson#read} at the first problem; the caller words it for its own reader. Should one reach
 * the command line unworded, it is an error (exit 1), like any other input Warden cannot read.
 */
public final class StrictJsonException extends WardenException {

    private static final long serialVersionUID = 1L;

    private final transient JsonProblem problem;

    StrictJsonException(JsonProblem problem, Throwable cause) {
        super(Category.ERROR, problem.toString(), cause);
        this.problem = Objects.requireNonNull(problem);
    }

    /** @return what was refused and where */
    public JsonProblem problem() {
        return problem;
    }
}
