package dev.warden.catalog.manifest;

import dev.warden.io.WardenException;
import java.util.List;
import java.util.stream.Collectors;

/** A manifest was refused; {@link #problems()} lists every problem found, not just the first. */
public class ManifestException extends WardenException {

    private static final long serialVersionUID = 1L;

    private final transient List<ManifestProblem> problems;

    /**
     * @param problems the problems, at least one
     * @throws IllegalArgumentException if the list is empty
     */
    public ManifestException(List<ManifestProblem> problems) {
        super(Category.ERROR, format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, in document order as far as they were found in one pass */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String format(List<ManifestProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one problem");
        }
        return problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"));
    }
}
