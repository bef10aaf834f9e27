package dev.warden.registry.fetch;

import java.nio.file.Path;
import java.util.Map;

/**
 * A file written by {@link Fetcher#download}.
 *
 * @param file   where it was written
 * @param length bytes written
 * @param hashes lowercase hex digests by algorithm name, for each algorithm asked for
 */
public record FetchedFile(Path file, long length, Map<String, String> hashes) {
}
