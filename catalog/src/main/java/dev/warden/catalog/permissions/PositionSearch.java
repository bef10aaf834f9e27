package dev.warden.catalog.permissions;

/**
 * A yes/no question about a position in each of two sequences, answered by recursion on later positions;
 * each pair of positions is answered once, so globs with many wildcards stay polynomial.
 */
abstract class PositionSearch {

    private final Boolean[][] memo;

    /** Positions run from 0 to each length inclusive (the end of a sequence is a position too). */
    PositionSearch(int firstLength, int secondLength) {
        this.memo = new Boolean[firstLength + 1][secondLength + 1];
    }

    /** @return the answer at positions {@code i} and {@code j}, computed once */
    final boolean from(int i, int j) {
        if (memo[i][j] == null) {
            memo[i][j] = answer(i, j);
        }
        return memo[i][j];
    }

    /** @return the answer at positions {@code i} and {@code j}, asking {@link #from} for later positions */
    abstract boolean answer(int i, int j);
}
