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
        return new Matcher(granted, requested, true).from(0, 0);
    }

    /** Whether some name matches both globs; the caller decides case and leading-dot handling. */
    static boolean intersect(String a, String b) {
        return new Matcher(a, b, false).from(0, 0);
    }

    private static final class Matcher extends PositionSearch {
        private final String a;
        private final String b;
        private final boolean containment;

        Matcher(String a, String b, boolean containment) {
            super(a.length(), b.length());
            this.a = a;
            this.b = b;
            this.containment = containment;
        }

        @Override
        boolean answer(int i, int j) {
            return containment ? contain(i, j) : meet(i, j);
        }

        /** a's '*' may swallow anything of b, a's '?' one literal or '?' of b; b's wildcards need a's. */
        private boolean contain(int i, int j) {
            if (i == a.length()) {
                return j == b.length();
            }
            char c = a.charAt(i);
            if (c == '*') {
                return from(i + 1, j) || j < b.length() && from(i, j + 1);
            }
            if (j == b.length()) {
                return false;
            }
            char d = b.charAt(j);
            if (c == '?') {
                return d != '*' && from(i + 1, j + 1);
            }
            return c == d && from(i + 1, j + 1);
        }

        private boolean meet(int i, int j) {
            if (i == a.length() && j == b.length()) {
                return true;
            }
            if (i < a.length() && a.charAt(i) == '*') {
                return from(i + 1, j) || j < b.length() && from(i, j + 1);
            }
            if (j < b.length() && b.charAt(j) == '*') {
                return from(i, j + 1) || i < a.length() && from(i + 1, j);
            }
            if (i < a.length() && j < b.length()) {
                char c = a.charAt(i);
                char d = b.charAt(j);
                return (c == '?' || d == '?' || c == d) && from(i + 1, j + 1);
            }
            return false;
        }
    }
}
