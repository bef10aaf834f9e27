package dev.warden.samples.tidy;

import dev.warden.samples.json.JsonWriter;
import dev.warden.samples.json.ToolInput.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of the workspace as the tools take it ({@code Downloads}, {@code scans/2026}), turned
 * into the notation of the Files capability ({@code ${workspace}/Downloads}). Warden checks every
 * path against the grants anyway; this says early, and in plain words, what it would refuse.
 */
final class WorkspaceFolder {

    static final String ROOT = "${workspace}";
    private static final int MAX_LENGTH = 500;

    private WorkspaceFolder() {
    }

    /**
     * @param relative a path relative to the workspace; empty or "." for the workspace itself
     * @return the folder in the Files notation
     * @throws BadInputException if it leaves the workspace, names a hidden folder, or is not a plain relative path
     */
    static String notation(String relative) throws BadInputException {
        if (relative.length() > MAX_LENGTH) {
            throw new BadInputException("\"folder\" is longer than " + MAX_LENGTH + " characters");
        }
        if (relative.startsWith("/") || relative.startsWith("~") || relative.contains("${") || relative.contains("\\")) {
            throw new BadInputException("\"folder\" is a path relative to the workspace with '/' between names, e.g."
                    + " \"Downloads\" or \"scans/2026\"; not " + JsonWriter.quote(relative));
        }
        String path = relative.startsWith("./") ? relative.substring(2) : relative;
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals(".")) {
            return ROOT;
        }
        List<String> names = new ArrayList<>();
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new BadInputException("\"folder\" must name folders inside the workspace, without empty, '.' or"
                        + " '..' parts: " + JsonWriter.quote(relative));
            }
            if (name.startsWith(".")) {
                throw new BadInputException("\"folder\" names the hidden folder " + JsonWriter.quote(name)
                        + "; tidy's permissions do not reach hidden files and folders");
            }
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
                    throw new BadInputException("\"folder\" contains a control character");
                }
            }
            names.add(name);
        }
        return ROOT + "/" + String.join("/", names);
    }

    /** @return the last name of a path in the Files notation */
    static String lastName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
