package dev.warden.registry.fetch;

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
                    + Units.printable(path) + "\" (" + problem.get()
                    + "); a marketplace path must be relative and stay inside the marketplace");
        }
        return path;
    }

    /** What is wrong with a path, if anything. */
    static Optional<String> problem(String path) {
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
                    return Optional.of("it contains a percent sign, which could hide an escaped . or /");
                case ':':
                    return Optional.of("it contains a colon, as in a scheme or a drive");
                case '?':
                case '#':
                    return Optional.of("it contains " + c + ", which would change the URL");
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
