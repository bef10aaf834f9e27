package dev.warden.registry.git;

import dev.warden.io.UnsafeCharacters;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/** Checks for the paths, refs and commit ids that marketplace entries carry. */
final class SourcePaths {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern GITHUB_PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private SourcePaths() {
    }

    /**
     * Resolves a path written in a marketplace against a base folder of the repository.
     *
     * @return the normalised path ({@code /}-separated, no {@code ./}, empty for the root), or empty
     *     when it is absolute, uses backslashes or climbs out of the repository
     */
    static Optional<String> normalise(String base, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
                || path.length() > 1 && path.charAt(1) == ':') {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : (base.isEmpty() ? path : base + "/" + path).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    static boolean isNormalised(String path) {
        if (path.isEmpty()) {
            return true;
        }
        return normalise("", path).map(path::equals).orElse(false) && !path.endsWith("/");
    }

    static boolean isGitHubRepo(String repo) {
        if (repo == null) {
            return false;
        }
        String[] parts = repo.split("/", -1);
        return parts.length == 2 && GITHUB_PART.matcher(parts[0]).matches() && GITHUB_PART.matcher(parts[1]).matches()
                && !parts[0].startsWith(".") && !parts[1].startsWith(".");
    }

    static boolean isSha(String sha) {
        return SHA.matcher(sha).matches();
    }

    static boolean isRef(String ref) {
        return !ref.isEmpty() && !ref.startsWith("-") && ref.length() <= 255
                && Repository.isValidRefName(ref.startsWith("refs/") ? ref : "refs/heads/" + ref);
    }

    static void checkRefAndSha(Optional<String> ref, Optional<String> sha) {
        if (ref == null || sha == null) {
            throw new NullPointerException("ref and sha must be present or empty, not null");
        }
        ref.ifPresent(r -> {
            if (!isRef(r)) {
                throw new IllegalArgumentException("ref " + UnsafeCharacters.quote(r)
                        + " is not a valid branch or tag name");
            }
        });
        sha.ifPresent(s -> {
            if (!isSha(s)) {
                throw new IllegalArgumentException("sha " + UnsafeCharacters.quote(s)
                        + " must be a full commit id: 40 lowercase hex digits");
            }
        });
    }

    static String at(Optional<String> ref, Optional<String> sha) {
        return ref.map(r -> " at " + r).orElse("") + sha.map(s -> " (commit " + s.substring(0, 12) + ")").orElse("");
    }
}
