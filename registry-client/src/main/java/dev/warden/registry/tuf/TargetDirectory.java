package dev.warden.registry.tuf;

import dev.warden.io.AtomicFiles;
import dev.warden.io.Digests;
import dev.warden.registry.fetch.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A folder of verified targets, one file per target path, named by the path percent-encoded into a
 * single name (so {@code ../x} or {@code a/b} never leave the folder). A target already there with the
 * listed length and hashes is not downloaded again; a new one is downloaded beside it and moved into
 * place only once verified.
 */
public final class TargetDirectory {

    private final Path dir;

    public TargetDirectory(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** Where {@code target} is stored. */
    public Path fileFor(TargetEntry target) {
        return dir.resolve(MetadataNames.localTarget(target.path()));
    }

    /** Whether the stored file has the target's length and every hash it lists that Warden checks (false when it is missing). */
    public boolean holds(TargetEntry target) throws IOException {
        Path file = fileFor(target);
        if (!Files.isRegularFile(file) || Files.size(file) != target.length()) {
            return false;
        }
        Map<String, String> checked = Digests.checkable(target.hashes());
        if (checked.isEmpty()) {
            return false; // nothing to check it against: the download refuses it with the reason
        }
        for (Map.Entry<String, String> hash : checked.entrySet()) {
            if (!Digests.sameHex(hash.getValue(), Digests.hex(hash.getKey(), file))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stored file for {@code target}, downloaded through {@code client} unless it is already held.
     *
     * @return true when it was downloaded, false when the stored copy was kept
     * @throws TufException as {@link TufClient#downloadTarget}; the stored file, if any, is left as it was
     */
    public boolean fetch(TufClient client, TrustedMetadata trusted, TargetEntry target, Progress progress)
            throws TufException, IOException {
        if (holds(target)) {
            return false;
        }
        Files.createDirectories(dir);
        Path partial = dir.resolve("." + UUID.randomUUID() + ".part");
        try {
            client.downloadTarget(trusted, target, partial, progress);
            AtomicFiles.replace(partial, fileFor(target));
            return true;
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
