package dev.warden.manager.imports;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a runner such as {@code npx} the way a shell would, on the {@code PATH} given at import time,
 * so that the plugin can ask for {@code process.exec} on that exact program.
 *
 * @since 0.1
 */
public final class McpRunnerPath {

    private final List<Path> folders;

    private McpRunnerPath(List<Path> folders) {
        this.folders = folders;
    }

    /** @param path a {@code PATH} value; relative and empty entries are ignored (they depend on the working folder) */
    public static McpRunnerPath of(String path) {
        List<Path> folders = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                try {
                    Path folder = Path.of(entry);
                    if (!entry.isEmpty() && folder.isAbsolute()) {
                        folders.add(folder.normalize());
                    }
                } catch (InvalidPathException e) {
                    // an entry no program could be found in; a shell skips it too
                }
            }
        }
        return new McpRunnerPath(List.copyOf(folders));
    }

    /** @return the runners on this process's {@code PATH} */
    public static McpRunnerPath fromEnvironment() {
        return of(System.getenv("PATH"));
    }

    /** @return the absolute path of the first executable regular file with that name, or empty */
    public Optional<Path> find(String command) {
        for (Path folder : folders) {
            Path candidate = folder.resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
