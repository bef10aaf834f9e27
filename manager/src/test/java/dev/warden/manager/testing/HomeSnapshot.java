package dev.warden.manager.testing;

import dev.warden.io.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a folder with the hash of its content, to prove a command changed nothing. */
public final class HomeSnapshot {

    private HomeSnapshot() {
    }

    /** Path → content hash (or "dir"), leaving out {@code audit/}, which records refusals by design. */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(root)) {
            return tree;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String relative = root.relativize(p).toString();
                if (relative.isEmpty() || relative.equals("audit") || relative.startsWith("audit/")) {
                    continue;
                }
                tree.put(relative, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return tree;
    }

    private static String sha256(byte[] bytes) {
        return Digests.sha256Hex(bytes);
    }
}
