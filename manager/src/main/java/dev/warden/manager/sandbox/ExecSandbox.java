package dev.warden.manager.sandbox;

import dev.warden.catalog.manifest.Permission;
import dev.warden.manager.runtime.PluginRoots;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The bubblewrap sandbox of one program a plugin runs through {@code process.exec}, for a plugin that runs in
 * Warden's own process (and for the programs a sandboxed plugin asks the broker to run): the same wall as an
 * external MCP server's ({@link BubblewrapSandbox}), so the program reaches the plugin's {@code fs.read} and
 * {@code fs.write} folders and the system, never Warden's own state, and has no network at all (as a program started
 * by a sandboxed plugin, whose scrubbed environment names no proxy). It starts in the workspace folder, empty
 * unless a grant mounts it, with the {@link dev.warden.manager.runtime.ScrubbedEnvironment}.
 *
 * @param bwrap     the working {@code bwrap} ({@link IsolationSupport#bwrap()})
 * @param effective the plugin's effective permissions; its {@code fs.*} grants are mounted
 * @param roots     what {@code ${workspace}}, {@code ${plugin_data}} and {@code ${home}} stand for, and Warden's state
 */
public record ExecSandbox(Path bwrap, List<Permission> effective, PluginRoots roots) {

    public ExecSandbox {
        Objects.requireNonNull(bwrap, "bwrap");
        effective = List.copyOf(effective);
        Objects.requireNonNull(roots, "roots");
    }

    /**
     * @param programAndArgs the program, an absolute path, and its arguments
     * @return a builder that starts {@code bwrap} with the program inside, its environment empty (the program's is
     *         set inside); the caller starts, feeds, waits for and kills it as it would the program itself: killing
     *         {@code bwrap} ends every process of the sandbox
     * @throws IllegalArgumentException if the program is not an existing file, or lies in Warden's own state
     */
    public ProcessBuilder builder(List<String> programAndArgs) {
        if (programAndArgs.isEmpty()) {
            throw new IllegalArgumentException("a sandboxed command needs a program");
        }
        BubblewrapSandbox sandbox = BubblewrapSandbox.forProgramOf(bwrap, effective, roots)
                .withProgram(Path.of(programAndArgs.get(0)))
                .withWorkingFolder(roots.workspace());
        return sandbox.processBuilder(programAndArgs);
    }
}
