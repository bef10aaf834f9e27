package dev.warden.catalog.permissions;

import java.util.Optional;

/**
 * A program with an optional argument pattern, from a validated {@code process.exec} scope or an
 * {@code mcp.server} stdio command line. {@code any} stands for {@code *}; a bare command name (found
 * through {@code PATH} at run time) may be any program with that file name.
 */
record Program(boolean any, String path, Optional<String> arguments) {

    private static final String PLUGIN_ROOT = "${CLAUDE_PLUGIN_ROOT}";

    static Program parse(String scope) {
        if (scope.equals("*")) {
            return new Program(true, "", Optional.empty());
        }
        return ofCommandLine(scope);
    }

    static Program ofCommandLine(String commandLine) {
        int space = commandLine.indexOf(' ');
        String path = space < 0 ? commandLine : commandLine.substring(0, space);
        Optional<String> arguments = space < 0 ? Optional.empty() : Optional.of(commandLine.substring(space + 1));
        return new Program(false, path, arguments);
    }

    boolean covers(Program other) {
        if (any) {
            return true;
        }
        return !other.any && path.equals(other.path) && (arguments.isEmpty() || arguments.equals(other.arguments));
    }

    /** Argument patterns are not compared: the same program is taken to overlap whatever its arguments. */
    boolean overlaps(Program other) {
        if (any || other.any) {
            return true;
        }
        if (path.equals(other.path)) {
            return true;
        }
        boolean bare = isBare();
        boolean otherBare = other.isBare();
        if (bare || otherBare) {
            return fileName().equals(other.fileName()) && !isInPlugin() && !other.isInPlugin();
        }
        return false;
    }

    private boolean isBare() {
        return !path.startsWith("/") && !isInPlugin();
    }

    private boolean isInPlugin() {
        return path.startsWith(PLUGIN_ROOT + "/");
    }

    private String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
