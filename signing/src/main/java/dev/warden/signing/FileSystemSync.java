package dev.warden.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code syncfs(2)} for a whole staging tree, through coreutils' {@code sync -f}: Java has no
 * call for it, and syncing thousands of small files one by one costs more than the rest of an
 * install. Absent or failing, the caller syncs file by file.
 */
final class FileSystemSync {

    static final int WORTH_IT_FROM_FILES = 64;
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/sync"), Path.of("/bin/sync"));

    private FileSystemSync() {
    }

    /** @return true when every dirty page of the file system holding {@code dir} reached the disk */
    static boolean syncFileSystemOf(Path dir) {
        Optional<Path> sync = CANDIDATES.stream().filter(Files::isExecutable).findFirst();
        if (sync.isEmpty()) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(sync.get().toString(), "-f", dir.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
