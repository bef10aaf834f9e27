package dev.warden.catalog.permissions;

import dev.warden.catalog.manifest.PermissionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two validated file scopes ({@code fs.read}, {@code fs.write}, {@code fs.delete}) segment by
 * segment. A scope matches its paths and everything below them, so every scope ends in an implicit
 * {@code **}; {@code **} matches zero or more segments.
 */
final class FileScopes {

    private static final String ABSOLUTE = "/";
    private static final String GLOBSTAR = "**";

    private FileScopes() {
    }

    /**
     * Whether every path {@code requested} reaches is reached by {@code granted}, under the rules the
     * broker enforces: wildcards never match a leading '.', and a secret location is reached only
     * through a segment that names it with a literal character. Case-sensitive. When unsure: false.
     */
    static boolean covers(String granted, String requested) {
        Parsed g = Parsed.of(granted);
        Parsed r = Parsed.of(requested);
        if (!g.root.equals(r.root)) {
            return false;
        }
        List<String> gs = withTrailingGlobstar(g.segments);
        List<String> rs = withTrailingGlobstar(r.segments);
        return PositionSearch.fromStart(gs.size(), rs.size(), (search, i, j) -> contains(gs, rs, search, i, j));
    }

    /**
     * Whether some path could be reached by both scopes. Deliberately generous, because policy blocks
     * rely on it: case-insensitive, and wildcards are taken to match hidden names too, so a block on
     * {@code ${home}/.ssh/**} refuses {@code ${home}/**}. A variable root may be any absolute folder,
     * so it overlaps absolute scopes; two different variable roots are taken as separate places.
     */
    static boolean overlaps(String a, String b) {
        Parsed x = Parsed.of(a);
        Parsed y = Parsed.of(b);
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        if (x.root.equals(y.root)) {
            xs.addAll(x.segments);
            ys.addAll(y.segments);
        } else if (x.root.equals(ABSOLUTE) || y.root.equals(ABSOLUTE)) {
            // the variable stands for one or more unknown folders below '/'
            List<String> variable = x.root.equals(ABSOLUTE) ? ys : xs;
            variable.add("*");
            variable.add(GLOBSTAR);
            xs.addAll(x.segments);
            ys.addAll(y.segments);
        } else {
            return false;
        }
        List<String> as = withTrailingGlobstar(xs);
        List<String> bs = withTrailingGlobstar(ys);
        return PositionSearch.fromStart(as.size(), bs.size(), (search, i, j) -> intersect(as, bs, search, i, j));
    }

    private static List<String> withTrailingGlobstar(List<String> segments) {
        List<String> out = new ArrayList<>(segments);
        if (out.isEmpty() || !out.get(out.size() - 1).equals(GLOBSTAR)) {
            out.add(GLOBSTAR);
        }
        return out;
    }

    /** Whether a granted segment made only of wildcards (or a {@code **}) may stand for this requested segment. */
    private static boolean reachableByWildcard(String requested) {
        return requested.equals(GLOBSTAR)
                || !requested.startsWith(".") && !PermissionKind.mayNameSecretLocation(requested);
    }

    private static boolean hasLiteral(String segment) {
        return segment.chars().anyMatch(c -> c != '*' && c != '?');
    }

    private record Parsed(String root, List<String> segments) {

        static Parsed of(String scope) {
            String root;
            String rest;
            if (scope.startsWith("${")) {
                int close = scope.indexOf('}');
                root = scope.substring(0, close + 1);
                rest = scope.substring(close + 1);
            } else {
                root = ABSOLUTE;
                rest = scope.equals("/") ? "" : scope;
            }
            return new Parsed(root, rest.isEmpty() ? List.of() : List.of(rest.substring(1).split("/", -1)));
        }
    }

    /** Does the granted segment list match every path the requested one matches, from positions i and j? */
    private static boolean contains(List<String> granted, List<String> requested, PositionSearch search, int i, int j) {
        if (i == granted.size()) {
            return j == requested.size();
        } else if (granted.get(i).equals(GLOBSTAR)) {
            return search.from(i + 1, j)
                    || j < requested.size() && reachableByWildcard(requested.get(j)) && search.from(i, j + 1);
        } else if (j < requested.size() && !requested.get(j).equals(GLOBSTAR)) {
            String g = granted.get(i);
            String r = requested.get(j);
            return Segments.contains(g, r) && (hasLiteral(g) || reachableByWildcard(r)) && search.from(i + 1, j + 1);
        }
        return false;
    }

    /** Can some path match both segment lists from positions i and j? */
    private static boolean intersect(List<String> a, List<String> b, PositionSearch search, int i, int j) {
        if (i == a.size() && j == b.size()) {
            return true;
        } else if (i < a.size() && a.get(i).equals(GLOBSTAR)) {
            return search.from(i + 1, j) || j < b.size() && search.from(i, j + 1);
        } else if (j < b.size() && b.get(j).equals(GLOBSTAR)) {
            return search.from(i, j + 1) || i < a.size() && search.from(i + 1, j);
        } else if (i < a.size() && j < b.size()) {
            return Segments.intersect(a.get(i).toLowerCase(Locale.ROOT), b.get(j).toLowerCase(Locale.ROOT))
                    && search.from(i + 1, j + 1);
        }
        return false;
    }
}
