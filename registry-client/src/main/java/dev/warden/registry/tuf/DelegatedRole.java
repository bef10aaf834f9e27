package dev.warden.registry.tuf;

import dev.warden.io.Digests;
import java.util.List;
import java.util.Objects;

/**
 * One role a targets role delegates to: its name, keys and threshold, whether the search stops with
 * it, and which target paths it may sign (shell patterns, or prefixes of the path's SHA-256).
 *
 * @param name              the role's name; its metadata is {@code <quoted name>.json}
 * @param keys              its key ids (in the delegator's {@code delegations.keys}) and threshold
 * @param terminating       a search that reaches this role looks at no later sibling or other branch
 * @param paths             patterns the target path must match, or empty when hash prefixes are given
 * @param pathHashPrefixes  hex prefixes of the target path's SHA-256, or empty when patterns are given
 */
record DelegatedRole(String name, Role keys, boolean terminating, List<PathPattern> paths,
                     List<String> pathHashPrefixes) {

    DelegatedRole {
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
        pathHashPrefixes = List.copyOf(pathHashPrefixes);
    }

    /** Whether this role may sign {@code targetPath}. */
    boolean covers(String targetPath) {
        for (PathPattern pattern : paths) {
            if (pattern.matches(targetPath)) {
                return true;
            }
        }
        if (!pathHashPrefixes.isEmpty()) {
            String hash = Digests.sha256Hex(targetPath.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String prefix : pathHashPrefixes) {
                if (hash.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }
}
