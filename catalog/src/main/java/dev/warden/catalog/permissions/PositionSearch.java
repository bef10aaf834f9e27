package dev.warden.catalog.permissions;

/**
 * A yes/no question about a position in each of two sequences, answered by recursion on later positions;
 * each pair of positions is answered once, so globs with many wildcards stay polynomial.
 */
final class PositionSearch {

    /** Answers the question at positions {@code i} and {@code j}, asking {@code search} for later positions. */
    @FunctionalInterface
    interface Step {
        boolean answer(PositionSearch search, int i, int j);
    }

    private final Boolean[][] memo;
    private final Step step;

    private PositionSearch(int firstLength, int secondLength, Step step) {
        // positions run from 0 to each length inclusive: the end of a sequence is a position too
        this.memo = new Boolean[firstLength + 1][secondLength + 1];
        this.step = step;
    }

    /** @return the answer at the start of both sequences */
    static boolean fromStart(int firstLength, int secondLength, Step step) {
        return new PositionSearch(firstLength, secondLength, step).from(0, 0);
    }

    /** @return the answer at positions {@code i} and {@code j}, computed once */
    boolean from(int i, int j) {
        if (memo[i][j] == null) {
            memo[i][j] = step.answer(this, i, j);
        }
        return memo[i][j];
    }
}
