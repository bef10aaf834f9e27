package dev.warden.signing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of files.json.
 *
 * @param path entry name, relative with {@code /} separators
 * @param size size in bytes
 * @param sha256 lowercase hex SHA-256 of the bytes
 */
public record FileEntry(String path, long size, String sha256) {

    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException(path + ": size must not be negative");
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException(path + ": sha256 must be 64 lowercase hex digits");
        }
    }
}
