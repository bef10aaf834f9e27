package dev.warden.catalog.permissions;

/** Single-segment globs with {@code *} (any run of characters) and {@code ?} (one character). */
final class Segments {

    private Segments() {
    }

    /**
     * Whether every name {@code requested} matches is matched by {@code granted}, case-sensitively,
     * with wildcards never matching a leading '.'. Sound but not complete: false when unsure.
     */
    static boolean contains(String granted, String requested) {
        if (requested.startsWith(".") != granted.startsWith(".")) {
            // a wildcard at the start matches no hidden name, and a leading '.' matches only hidden ones
            return false;
        }
        return PositionSearch.fromStart(granted.length(), requested.length(),
                (search, i, j) -> contain(granted, requested, search, i, j));
    }

    /** Whether some name matches both globs; the caller decides case and leading-dot handling. */
    static boolean intersect(String a, String b) {
        return PositionSearch.fromStart(a.length(), b.length(), (search, i, j) -> meet(a, b, search, i, j));
    }

    /** a's '*' may swallow anything of b, a's '?' one literal or '?' of b; b's wildcards need a's. */
    private static boolean contain(String a, String b, PositionSearch search, int i, int j) {
        if (i == a.length()) {
            return j == b.length();
        }
        char c = a.charAt(i);
        if (c == '*') {
            return search.from(i + 1, j) || j < b.length() && search.from(i, j + 1);
        }
        if (j == b.length()) {
            return false;
        }
        char d = b.charAt(j);
        if (c == '?') {
            return d != '*' && search.from(i + 1, j + 1);
        }
        return c == d && search.from(i + 1, j + 1);
    }

    private static boolean meet(String a, String b, PositionSearch search, int i, int j) {
        if (i == a.length() && j == b.length()) {
            return true;
        }
        if (i < a.length() && a.charAt(i) == '*') {
            return search.from(i + 1, j) || j < b.length() && search.from(i, j + 1);
        }
        if (j < b.length() && b.charAt(j) == '*') {
            return search.from(i, j + 1) || i < a.length() && search.from(i + 1, j);
        }
        if (i < a.length() && j < b.length()) {
            char c = a.charAt(i);
            char d = b.charAt(j);
            return (c == '?' || d == '?' || c == d) && search.from(i + 1, j + 1);
        }
        return false;
    }
}
