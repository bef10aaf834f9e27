package dev.warden.api.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed file scope: a root and glob segments. Knows the risk of reading, writing or deleting
 * under it, including whether it names a secret path.
 */
record FsScope(Root root, List<String> segments) {

    enum Root { WORKSPACE, PLUGIN_DATA, HOME, ABSOLUTE }

    /** Secret locations as segment sequences; a segment may be a glob. Compared case-insensitively. */
    private static final List<List<String>> SECRETS = List.of(
            List.of(".ssh"), List.of(".aws"), List.of(".gnupg"), List.of(".env*"), List.of(".kube"),
            List.of(".docker"), List.of(".netrc"), List.of(".npmrc"), List.of(".pypirc"),
            List.of(".git-credentials"), List.of(".azure"), List.of(".password-store"), List.of(".vault-token"),
            List.of(".config", "gcloud"), List.of(".config", "gh"),
            List.of("Library", "Keychains"), List.of(".local", "share", "keyrings"),
            List.of(".mozilla"), List.of(".config", "google-chrome"), List.of(".config", "chromium"),
            List.of(".config", "BraveSoftware"), List.of(".config", "microsoft-edge"),
            List.of("Library", "Application Support", "Google", "Chrome"),
            List.of("Library", "Application Support", "Firefox"),
            List.of("Library", "Application Support", "BraveSoftware"),
            List.of("Library", "Safari"), List.of("Library", "Cookies"));

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

    Risk readRisk() {
        switch (root) {
            case PLUGIN_DATA:
                return Risk.NONE;
            case ABSOLUTE:
                return Risk.CRITICAL;
            case WORKSPACE:
                if (namesSecret()) {
                    return Risk.CRITICAL;
                }
                return wholeRoot() ? Risk.MEDIUM : Risk.LOW;
            case HOME:
            default:
                return namesSecret() || wholeRoot() ? Risk.CRITICAL : Risk.HIGH;
        }
    }

    Risk writeRisk() {
        return Risk.ofLevel(Math.min(4, readRisk().level() + 1));
    }

    Risk deleteRisk() {
        boolean contained = root == Root.WORKSPACE || root == Root.PLUGIN_DATA;
        return contained && !namesSecret() ? Risk.HIGH : Risk.CRITICAL;
    }

    /** Whether the scope reaches the whole root: no segments, or a first segment with a wildcard. */
    boolean wholeRoot() {
        return segments.isEmpty() || Globs.hasWildcard(segments.get(0));
    }

    /**
     * Whether some segment names the start of a secret location with at least one literal
     * character and the following segments can continue into it (or stop, covering it whole).
     */
    boolean namesSecret() {
        for (List<String> secret : SECRETS) {
            for (int i = 0; i < segments.size(); i++) {
                String first = segments.get(i);
                if (!first.equals("**") && Globs.hasLiteral(first) && segmentMatches(first, secret.get(0))
                        && continuesInto(i + 1, secret, 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether one segment can name the first folder or file of a secret location, the way
     * {@link #namesSecret()} decides it: with at least one literal character, case-insensitively,
     * and wildcards never matching a leading '.'.
     */
    static boolean mayStartSecret(String segment) {
        if (segment.equals("**") || !Globs.hasLiteral(segment)) {
            return false;
        }
        for (List<String> secret : SECRETS) {
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
