package dev.warden.catalog.manifest;

/** Single-segment globs with {@code *} (any run of characters) and {@code ?} (one character). */
final class Globs {

    private Globs() {
    }

    static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    static boolean hasLiteral(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) != '*' && segment.charAt(i) != '?') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether some name matches both globs, case-insensitively. A literal name is a glob without
     * wildcards, so this also answers "can this glob match that name".
     */
    static boolean intersect(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        Boolean[][] memo = new Boolean[x.length() + 1][y.length() + 1];
        return intersect(x, 0, y, 0, memo);
    }

    private static boolean intersect(String a, int i, String b, int j, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        boolean result;
        if (i == a.length() && j == b.length()) {
            result = true;
        } else if (i < a.length() && a.charAt(i) == '*') {
            // the star matches nothing, or swallows what b produces next
            result = intersect(a, i + 1, b, j, memo) || j < b.length() && intersect(a, i, b, j + 1, memo);
        } else if (j < b.length() && b.charAt(j) == '*') {
            result = intersect(a, i, b, j + 1, memo) || i < a.length() && intersect(a, i + 1, b, j, memo);
        } else if (i < a.length() && j < b.length()) {
            char c = a.charAt(i);
            char d = b.charAt(j);
            result = (c == '?' || d == '?' || c == d) && intersect(a, i + 1, b, j + 1, memo);
        } else {
            result = false;
        }
        memo[i][j] = result;
        return result;
    }
}
