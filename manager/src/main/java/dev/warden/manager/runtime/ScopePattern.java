package dev.warden.manager.runtime;

import dev.warden.catalog.manifest.PermissionKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One granted file scope compiled for matching real paths, with the grammar of plugin-api's
 * {@code FsScope}: {@code *} and {@code ?} within one name, {@code **} as a whole segment for any
 * number of names, and everything below a matched folder covered too (an implicit trailing
 * {@code **}). As {@link PermissionKind#FS_READ} says, wildcards never match a leading '.', and a
 * secret location is reached only through a segment that names it with a literal character; names
 * compare case-sensitively. These are the rules catalog's {@code PermissionCoverage} assumes.
 */
public final class ScopePattern {

    /** The variables a scope or a plugin's path may start with. */
    public enum Root {
        WORKSPACE("${workspace}"), PLUGIN_DATA("${plugin_data}"), HOME("${home}");

        final String variable;

        Root(String variable) {
            this.variable = variable;
        }

        /** @return the folder this variable stands for in one plugin run */
        public Path folder(PluginRoots roots) {
            return switch (this) {
                case WORKSPACE -> roots.workspace();
                case PLUGIN_DATA -> roots.pluginData();
                case HOME -> roots.home();
            };
        }
    }

    private static final String GLOBSTAR = "**";
    private static final int MAX_CACHED_NAMES = 4096;
    /** {@link PermissionKind#mayNameSecretLocation} per name: a pure function that costs a few µs. */
    private static final Map<String, Boolean> SECRET_STARTS = new ConcurrentHashMap<>();

    private final Root root;
    private final String[] segments;
    private final boolean[] literal;
    private final boolean[] hasLiteral;

    private ScopePattern(Root root, List<String> segments) {
        this.root = root;
        int n = segments.size();
        boolean trailing = n > 0 && segments.get(n - 1).equals(GLOBSTAR);
        this.segments = new String[trailing ? n : n + 1];
        this.literal = new boolean[this.segments.length];
        this.hasLiteral = new boolean[this.segments.length];
        for (int i = 0; i < this.segments.length; i++) {
            String s = i < n ? segments.get(i) : GLOBSTAR;
            this.segments[i] = s;
            this.literal[i] = s.indexOf('*') < 0 && s.indexOf('?') < 0;
            this.hasLiteral[i] = s.chars().anyMatch(c -> c != '*' && c != '?');
        }
    }

    /**
     * @param scope a scope already validated by {@link dev.warden.catalog.manifest.Permission}
     * @return the compiled scope, or empty for an absolute scope such as {@code /etc/**}, which no
     *         path of the {@code Files} capability can name
     */
    public static Optional<ScopePattern> compile(String scope) {
        for (Root r : Root.values()) {
            if (scope.startsWith(r.variable)) {
                String rest = scope.substring(r.variable.length());
                List<String> segments = rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/", -1));
                return Optional.of(new ScopePattern(r, segments));
            }
        }
        return Optional.empty();
    }

    public Root root() {
        return root;
    }

    /**
     * The folder (or file) the scope reaches in whole, for a scope whose only wildcard is its trailing
     * {@code **}, explicit or implicit: {@code ${workspace}/reports/**} and {@code ${workspace}/reports}
     * give {@code [reports]}. "In whole" up to the wildcard rules: below it, hidden names and secret
     * locations are still not reached.
     *
     * @return the names below the root, outermost first (empty for the root itself), or empty when
     *         a segment before the end has a wildcard
     */
    public Optional<List<String>> wholeFolder() {
        int last = segments.length - 1;
        for (int i = 0; i < last; i++) {
            if (!literal[i]) {
                return Optional.empty();
            }
        }
        return Optional.of(List.of(segments).subList(0, last));
    }

    /**
     * @param names the names of a real path below the root, outermost first; empty for the root itself
     * @return whether the scope reaches that path
     */
    boolean matches(List<String> names) {
        int m = segments.length;
        boolean[] states = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        states[0] = true;
        skipGlobstars(states);
        for (String name : names) {
            Arrays.fill(next, false);
            boolean any = false;
            for (int i = 0; i < m; i++) {
                if (!states[i]) {
                    continue;
                }
                if (segments[i].equals(GLOBSTAR)) {
                    if (reachableByWildcard(name)) {
                        next[i] = true;
                        any = true;
                    }
                } else if (segmentMatches(i, name)) {
                    next[i + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            skipGlobstars(next);
            boolean[] done = states;
            states = next;
            next = done;
        }
        return states[m];
    }

    private void skipGlobstars(boolean[] states) {
        for (int i = 0; i < segments.length; i++) {
            if (states[i] && segments[i].equals(GLOBSTAR)) {
                states[i + 1] = true;
            }
        }
    }

    private boolean segmentMatches(int i, String name) {
        String pattern = segments[i];
        if (pattern.startsWith(".") != name.startsWith(".")) {
            // a wildcard at the start matches no hidden name, and a leading '.' matches only hidden ones
            return false;
        }
        if (literal[i]) {
            return pattern.equals(name);
        }
        return glob(pattern, name) && (hasLiteral[i] || reachableByWildcard(name));
    }

    /** Whether a segment of wildcards only, or a {@code **}, may stand for this name. */
    private static boolean reachableByWildcard(String name) {
        if (name.startsWith(".")) {
            return false;
        }
        Boolean secret = SECRET_STARTS.get(name);
        if (secret == null) {
            secret = PermissionKind.mayNameSecretLocation(name);
            if (SECRET_STARTS.size() >= MAX_CACHED_NAMES) {
                SECRET_STARTS.clear();
            }
            SECRET_STARTS.put(name, secret);
        }
        return !secret;
    }

    /** {@code *} any run of characters, {@code ?} one character; the name is taken literally. */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) != '*' && pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
