package dev.warden.manager.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Type patterns of the allowlist file, each with a value (a reason, or a marker), matched by hash
 * lookups on the type, its enclosing types and its packages; only name-prefix patterns are scanned.
 */
final class TypePatterns<V> {

    private final Map<String, V> types = new HashMap<>();
    private final Map<String, V> packages = new HashMap<>();
    private final Map<String, V> packageTrees = new HashMap<>();
    private final List<Map.Entry<String, V>> prefixes = new ArrayList<>();

    /**
     * Adds {@code a/b/C}, {@code a/b/*}, {@code a/b/**} or {@code a/b/Pre*}.
     *
     * @throws IllegalArgumentException if the pattern is none of those
     */
    void add(String pattern, V value) {
        if (pattern.isEmpty() || pattern.startsWith("/") || pattern.contains(".") || pattern.contains("//")) {
            throw new IllegalArgumentException("not a type pattern: " + pattern);
        }
        if (pattern.endsWith("/**")) {
            packageTrees.putIfAbsent(pattern.substring(0, pattern.length() - 3), value);
        } else if (pattern.endsWith("/*")) {
            packages.putIfAbsent(pattern.substring(0, pattern.length() - 2), value);
        } else if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            if (prefix.contains("*") || prefix.endsWith("/")) {
                throw new IllegalArgumentException("not a type pattern: " + pattern);
            }
            prefixes.add(Map.entry(prefix, value));
        } else if (pattern.contains("*")) {
            throw new IllegalArgumentException("'*' may only end a type pattern: " + pattern);
        } else {
            types.putIfAbsent(pattern, value);
        }
    }

    /** @return the value of the most specific pattern matching {@code type}; empty if none does */
    Optional<V> find(String type) {
        for (String t = type; ; ) {
            V exact = types.get(t);
            if (exact != null) {
                return Optional.of(exact);
            }
            int nested = t.lastIndexOf('$');
            if (nested <= t.lastIndexOf('/') + 1) {
                break;
            }
            t = t.substring(0, nested);
        }
        for (Map.Entry<String, V> prefix : prefixes) {
            if (type.startsWith(prefix.getKey())) {
                return Optional.of(prefix.getValue());
            }
        }
        int slash = type.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String pkg = type.substring(0, slash);
        V inPackage = packages.get(pkg);
        if (inPackage != null) {
            return Optional.of(inPackage);
        }
        for (String p = pkg; ; ) {
            V inTree = packageTrees.get(p);
            if (inTree != null) {
                return Optional.of(inTree);
            }
            int up = p.lastIndexOf('/');
            if (up < 0) {
                return Optional.empty();
            }
            p = p.substring(0, up);
        }
    }
}
