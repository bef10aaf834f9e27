package dev.warden.catalog.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed file scope: a root and glob segments. Answers what {@link RiskTable}'s file rows ask:
 * whether it covers its whole root, names a place, or reaches one.
 */
record FsScope(Root root, List<String> segments) {

    enum Root { WORKSPACE, PLUGIN_DATA, HOME, ABSOLUTE }

    static FsScope parse(String scope) {
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("file scope is empty; expected e.g. ${workspace}/reports/**");
        }
        if (scope.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " contains a backslash; separate folders with '/'");
        }
        Root root;
        String rest;
        if (scope.startsWith("${")) {
            int close = scope.indexOf('}');
            String variable = close < 0 ? scope : scope.substring(0, close + 1);
            switch (variable) {
                case "${workspace}" -> root = Root.WORKSPACE;
                case "${plugin_data}" -> root = Root.PLUGIN_DATA;
                case "${home}" -> root = Root.HOME;
                default -> throw new IllegalArgumentException("file scope " + Names.quote(scope)
                        + " starts with the unknown variable " + Names.quote(variable)
                        + "; use ${workspace}, ${plugin_data} or ${home}");
            }
            rest = scope.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith("/")) {
                throw new IllegalArgumentException("file scope " + Names.quote(scope)
                        + " must continue with '/' after " + variable);
            }
        } else if (scope.startsWith("/")) {
            root = Root.ABSOLUTE;
            rest = scope.equals("/") ? "" : scope;
        } else {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " is relative; start it with ${workspace}, ${plugin_data}, ${home} or an absolute path");
        }
        List<String> segments = new ArrayList<>();
        if (!rest.isEmpty()) {
            String[] parts = rest.substring(1).split("/", -1);
            for (String part : parts) {
                checkSegment(scope, part);
                segments.add(part);
            }
        }
        return new FsScope(root, List.copyOf(segments));
    }

    private static void checkSegment(String scope, String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " has an empty segment ('//' or a trailing '/'); remove it");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " contains a '" + segment + "' segment; name the folder directly");
        }
        if (segment.contains("${")) {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " uses a variable after the start; variables may only begin a scope");
        }
        if (segment.contains("**") && !segment.equals("**")) {
            throw new IllegalArgumentException("file scope " + Names.quote(scope)
                    + " uses '**' inside the segment " + Names.quote(segment) + "; '**' must be a whole segment");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '[' || c == ']' || c == '{' || c == '}') {
                throw new IllegalArgumentException("file scope " + Names.quote(scope) + " uses '" + c
                        + "'; only the globs '*', '?' and '**' are supported");
            }
        }
    }

    /** Whether the scope reaches the whole root: no segments, or a first segment with a wildcard. */
    boolean wholeRoot() {
        return segments.isEmpty() || Globs.hasWildcard(segments.get(0));
    }

    /**
     * Whether some segment names the start of the location with at least one literal character and
     * the following segments can continue into it (or stop, covering it whole). This is how a scope
     * reaches a secret location: wildcards alone never do.
     *
     * @param location names that may use {@code *} and {@code ?}, compared case-insensitively
     */
    boolean names(List<String> location) {
        for (int i = 0; i < segments.size(); i++) {
            String first = segments.get(i);
            if (!first.equals("**") && Globs.hasLiteral(first) && segmentMatches(first, location.get(0))
                    && continuesInto(i + 1, location, 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the scope, read as a person reads it, reaches the place at its root or something inside
     * it: here wildcards match hidden names too, because what the broker refuses the process sandbox
     * may still show (it hides hidden names only at the top of a mounted folder), and a scope over
     * {@code ${workspace}/**} is read as the whole workspace.
     *
     * @param place names below the root that may use {@code *} and {@code ?}, compared case-insensitively
     */
    boolean reaches(List<String> place) {
        List<String> scope = new ArrayList<>(segments);
        scope.add("**");
        List<String> inside = new ArrayList<>(place);
        inside.add("**");
        return overlap(scope, 0, inside, 0, new Boolean[scope.size() + 1][inside.size() + 1]);
    }

    /** Whether some path matches both patterns, where {@code **} stands for any number of names. */
    private static boolean overlap(List<String> a, int i, List<String> b, int j, Boolean[][] memo) {
        if (memo[i][j] != null) {
            return memo[i][j];
        }
        boolean result;
        boolean aStar = i < a.size() && a.get(i).equals("**");
        boolean bStar = j < b.size() && b.get(j).equals("**");
        if (i == a.size() && j == b.size()) {
            result = true;
        } else if (aStar || bStar) {
            // a '**' matches nothing, or swallows one more name of the other side
            result = aStar && overlap(a, i + 1, b, j, memo) || bStar && overlap(a, i, b, j + 1, memo)
                    || aStar && j < b.size() && overlap(a, i, b, j + 1, memo)
                    || bStar && i < a.size() && overlap(a, i + 1, b, j, memo);
        } else if (i < a.size() && j < b.size()) {
            result = Globs.intersect(a.get(i), b.get(j)) && overlap(a, i + 1, b, j + 1, memo);
        } else {
            result = false;
        }
        memo[i][j] = result;
        return result;
    }

    /**
     * Whether one segment can name the first folder or file of a secret location, the way
     * {@link #names} decides it: with at least one literal character, case-insensitively,
     * and wildcards never matching a leading '.'.
     */
    static boolean mayStartSecret(String segment) {
        if (segment.equals("**") || !Globs.hasLiteral(segment)) {
            return false;
        }
        for (List<String> secret : RiskTable.standard().secretLocations()) {
            if (segmentMatches(segment, secret.get(0))) {
                return true;
            }
        }
        return false;
    }

    private boolean continuesInto(int pi, List<String> secret, int si) {
        if (si == secret.size() || pi == segments.size()) {
            return true;
        }
        String segment = segments.get(pi);
        if (segment.equals("**")) {
            return continuesInto(pi + 1, secret, si)
                    || !secret.get(si).startsWith(".") && continuesInto(pi, secret, si + 1);
        }
        return segmentMatches(segment, secret.get(si)) && continuesInto(pi + 1, secret, si + 1);
    }

    /** Wildcards never match a leading '.', as in shells: {@code *.md} cannot reach {@code .env.md}. */
    private static boolean segmentMatches(String pattern, String secret) {
        if (secret.startsWith(".") && !pattern.startsWith(".")) {
            return false;
        }
        return Globs.intersect(pattern, secret);
    }
}
