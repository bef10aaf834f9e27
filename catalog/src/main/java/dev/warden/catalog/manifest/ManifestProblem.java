package dev.warden.catalog.manifest;

import java.util.Objects;

/**
 * One problem in a manifest, located by a JSON path such as {@code $.permissions[1].scope}.
 *
 * @param path    where the problem is, {@code $} for the whole document
 * @param message what is wrong and what to write instead; never contains raw control characters
 */
public record ManifestProblem(String path, String message) {

    /** @throws NullPointerException if either part is null */
    public ManifestProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code path: message} */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
