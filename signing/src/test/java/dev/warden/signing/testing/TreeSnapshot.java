package dev.warden.signing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a folder with its size (links not followed), to prove nothing else was written. */
public final class TreeSnapshot {

    private TreeSnapshot() {
    }

    public static Map<String, Long> of(Path root) {
        Map<String, Long> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(p -> {
                try {
                    boolean file = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                    all.put(root.relativize(p).toString() + (file ? "" : "/"), file ? Files.size(p) : -1L);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }
}
