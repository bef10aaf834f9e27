package dev.warden.manager.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one granted external MCP server is started: a program by its absolute path with its arguments, never
 * through a shell, in a working folder, with exactly this environment. Arguments and environment may hold the
 * person's configuration values, so they are never logged or audited.
 *
 * @param server    the server's name in its plugin's declaration
 * @param program   the absolute path of the program
 * @param args      the arguments, every reference filled in
 * @param env       the whole environment of the process
 * @param directory the working folder
 */
record ServerLaunch(String server, Path program, List<String> args, Map<String, String> env, Path directory) {

    ServerLaunch {
        Objects.requireNonNull(server, "server");
        if (!program.isAbsolute()) {
            throw new IllegalArgumentException("the program of a server must be an absolute path: " + program);
        }
        args = List.copyOf(args);
        env = Map.copyOf(env);
        Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String toString() {
        return "ServerLaunch[" + server + ": " + program + " with " + args.size() + " argument(s)]";
    }
}
