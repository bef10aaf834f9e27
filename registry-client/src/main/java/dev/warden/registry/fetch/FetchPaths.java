package dev.warden.registry.fetch;

import dev.warden.io.UnsafeCharacters;
import java.util.Optional;

/**
 * Checks that a path given to a fetcher names a file inside its location: relative, {@code /}-separated,
 * no dot segments, nothing a URL or a file system would read as an escape. Shared by every fetcher.
 */
final class FetchPaths {

    private FetchPaths() {
    }

    /**
     * @param location the fetcher's location, for the message
     * @return the path, unchanged
     * @throws FetchException {@link FetchException.Kind#BAD_PATH} naming the path and what is wrong with it
     */
    static String check(String location, String path) throws FetchException {
        if (path == null) {
            throw new IllegalArgumentException("path is null");
        }
        Optional<String> problem = problem(path);
        if (problem.isPresent()) {
            throw new FetchException(FetchException.Kind.BAD_PATH, location + ": refused the path \""
                    + UnsafeCharacters.escape(path) + "\" (" + problem.get()
                    + "); a marketplace path must be relative and stay inside the marketplace");
        }
        return path;
    }

    /**
     * Like {@link #check}, allowing a query after the path ({@code v0.1/servers?cursor=a%2Fb&limit=100}),
     * as an http(s) API needs: the path part is checked as always, the query may hold only unreserved
     * characters, {@code = & +} and well-formed percent escapes.
     */
    static String checkWithQuery(String location, String path) throws FetchException {
        int question = path == null ? -1 : path.indexOf('?');
        if (question < 0) {
            return check(location, path);
        }
        check(location, path.substring(0, question));
        String query = path.substring(question + 1);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~=&+".indexOf(c) >= 0;
            boolean escape = c == '%' && i + 2 < query.length() && isHex(query.charAt(i + 1)) && isHex(query.charAt(i + 2));
            if (!plain && !escape) {
                throw new FetchException(FetchException.Kind.BAD_PATH, location + ": refused the query of \""
                        + UnsafeCharacters.escape(path) + "\" (character " + UnsafeCharacters.escape(String.valueOf(c))
                        + " must be percent-encoded)");
            }
        }
        return path;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /**
     * What is wrong with a path, if anything. Percent escapes are allowed (a TUF delegated role's name is
     * percent-encoded into one segment, e.g. {@code 1.a%2Fb.json}), but since a server may decode them,
     * the decoded path must pass the same checks, and may not hold another escape.
     */
    static Optional<String> problem(String path) {
        Optional<String> raw = problemOf(path, true);
        if (raw.isPresent() || path.indexOf('%') < 0) {
            return raw;
        }
        String decoded = decode(path);
        if (decoded.indexOf('%') >= 0) {
            return Optional.of("it contains an escaped percent sign, which could hide an escaped . or /");
        }
        return problemOf(decoded, false).map(p -> p + " once its percent escapes are decoded");
    }

    private static String decode(String path) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Optional<String> problemOf(String path, boolean escapesAllowed) {
        if (path.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (path.startsWith("/")) {
            return Optional.of("it is absolute");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("it contains a control character");
            }
            switch (c) {
                case '\\':
                    return Optional.of("it contains a backslash");
                case '%':
                    if (!escapesAllowed || i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
                        return Optional.of("it contains a percent sign that is not a well-formed escape");
                    }
                    break;
                case ':':
                    // once decoded by a server, ':', '?' and '#' are plain characters of a name
                    if (escapesAllowed) {
                        return Optional.of("it contains a colon, as in a scheme or a drive");
                    }
                    break;
                case '?':
                case '#':
                    if (escapesAllowed) {
                        return Optional.of("it contains " + c + ", which would change the URL");
                    }
                    break;
                default:
                    break;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of(path.endsWith("/") ? "it names a folder, not a file" : "it has an empty segment");
            }
            if (segment.chars().allMatch(c -> c == '.' || c == ' ')) {
                return Optional.of("it has a segment \"" + segment + "\"");
            }
        }
        return Optional.empty();
    }
}
